package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
)

func TestFirewallRules(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock))
	req := pgRequest("guarded")
	req.Rules = []*godo.DatabaseCreateFirewallRule{{Type: "ip_addr", Value: "192.168.1.1"}}
	db := e.create(req)

	rules, _, err := e.client.Databases.GetFirewallRules(ctx, db.ID)
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules %+v %v", rules, err)
	}
	first := rules[0]
	if !uuidRE.MatchString(first.UUID) || first.ClusterUUID != db.ID || first.Type != "ip_addr" || first.Value != "192.168.1.1" ||
		!first.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("rule %+v", first)
	}

	clock.Advance(time.Hour)
	set := []*godo.DatabaseFirewallRule{
		{Type: "ip_addr", Value: "192.168.1.1"},
		{Type: "ip_addr", Value: "10.0.0.0/8"},
		{Type: "droplet", Value: "163973392"},
		{Type: "k8s", Value: "ff2a6c52-5a44-4b63-b99c-0e98e7a63d61"},
		{Type: "tag", Value: "backend"},
		{Type: "app", Value: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"},
	}
	resp, err := e.client.Databases.UpdateFirewallRules(ctx, db.ID, &godo.DatabaseUpdateFirewallRulesRequest{Rules: set})
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("update: %v %v", resp, err)
	}
	rules, _, _ = e.client.Databases.GetFirewallRules(ctx, db.ID)
	if len(rules) != len(set) {
		t.Fatalf("rules %+v", rules)
	}
	// A rule that stays keeps its uuid and time; new ones get their own.
	if rules[0].UUID != first.UUID || !rules[0].CreatedAt.Equal(first.CreatedAt) {
		t.Fatalf("kept rule %+v, was %+v", rules[0], first)
	}
	for i, r := range rules[1:] {
		if r.Type != set[i+1].Type || r.Value != set[i+1].Value || r.UUID == first.UUID || !uuidRE.MatchString(r.UUID) ||
			r.ClusterUUID != db.ID || !r.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("rule %d %+v", i+1, r)
		}
	}

	wrong := map[string][2]string{
		`"300.1.1.1" is not an IP address`:   {"ip_addr", "300.1.1.1"},
		`"10.0.0.0/33" is not an IP address`: {"ip_addr", "10.0.0.0/33"},
		`"2001:db8::1" is an IPv6 address`:   {"ip_addr", "2001:db8::1"},
		`"2001:db8::/32" is an IPv6 address`: {"ip_addr", "2001:db8::/32"},
		`"web-1" is not a Droplet id`:        {"droplet", "web-1"},
		`"0" is not a Droplet id`:            {"droplet", "0"},
		`"my-cluster" is not a UUID`:         {"k8s", "my-cluster"},
		`"x" is not a UUID`:                  {"app", "x"},
		`"has space" is not a tag name`:      {"tag", "has space"},
		`rules[0].type "cidr" is invalid`:    {"cidr", "10.0.0.0/8"},
		`rules[0].value is required`:         {"ip_addr", ""},
	}
	for want, rule := range wrong {
		_, err := e.client.Databases.UpdateFirewallRules(ctx, db.ID, &godo.DatabaseUpdateFirewallRulesRequest{
			Rules: []*godo.DatabaseFirewallRule{{Type: rule[0], Value: rule[1]}},
		})
		apiErr(t, err, 422, want)
	}
	var many []*godo.DatabaseFirewallRule
	for i := 0; i < 101; i++ {
		many = append(many, &godo.DatabaseFirewallRule{Type: "ip_addr", Value: fmt.Sprintf("10.0.%d.%d", i/250, i%250)})
	}
	_, err = e.client.Databases.UpdateFirewallRules(ctx, db.ID, &godo.DatabaseUpdateFirewallRulesRequest{Rules: many})
	apiErr(t, err, 422, "more than the 100")
	// Refused sets change nothing; the shapes are checked at cluster creation too.
	if rules, _, _ := e.client.Databases.GetFirewallRules(ctx, db.ID); len(rules) != len(set) {
		t.Fatalf("a refused update changed the rules: %d", len(rules))
	}
	bad := pgRequest("guarded-badly")
	bad.Rules = []*godo.DatabaseCreateFirewallRule{{Type: "droplet", Value: "web-1"}}
	_, _, err = e.client.Databases.Create(ctx, bad)
	apiErr(t, err, 422, "not a Droplet id")

	// A PUT replaces the whole set, also with nothing.
	if _, err := e.client.Databases.UpdateFirewallRules(ctx, db.ID, &godo.DatabaseUpdateFirewallRulesRequest{Rules: set[4:5]}); err != nil {
		t.Fatal(err)
	}
	if rules, _, _ := e.client.Databases.GetFirewallRules(ctx, db.ID); len(rules) != 1 || rules[0].Value != "backend" {
		t.Fatalf("after replacing %+v", rules)
	}
	if _, err := e.client.Databases.UpdateFirewallRules(ctx, db.ID, &godo.DatabaseUpdateFirewallRulesRequest{}); err != nil {
		t.Fatal(err)
	}
	if r, body := e.do("GET", "/v2/databases/"+db.ID+"/firewall", nil, testToken); r.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"rules":[]}` {
		t.Fatalf("empty: %d %s", r.StatusCode, body)
	}
	_, _, err = e.client.Databases.GetFirewallRules(ctx, "00000000-0000-4000-8000-000000000000")
	apiErr(t, err, 404, "could not be found")
}

// A PUT carries the rules as godo marshals them (so the official provider and the sandbox one
// send them): a new rule with an empty uuid, cluster_uuid and a zero created_at, a kept one with
// its uuid. DigitalOcean fills in what it owns.
func TestFirewallPutTakesRulesInGodosShape(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock))
	req := pgRequest("godo-shaped")
	req.Rules = []*godo.DatabaseCreateFirewallRule{{Type: "ip_addr", Value: "192.168.1.1"}}
	db := e.create(req)
	before, _, err := e.client.Databases.GetFirewallRules(ctx, db.ID)
	if err != nil || len(before) != 1 {
		t.Fatalf("rules %+v %v", before, err)
	}
	clock.Advance(time.Hour)
	body := fmt.Sprintf(`{"rules":[`+
		`{"uuid":%q,"cluster_uuid":"","type":"ip_addr","value":"192.168.1.1","created_at":"0001-01-01T00:00:00Z"},`+
		`{"uuid":"","cluster_uuid":"","type":"tag","value":"web","created_at":"0001-01-01T00:00:00Z"}]}`, before[0].UUID)
	if r, out := e.do("PUT", "/v2/databases/"+db.ID+"/firewall", body, testToken); r.StatusCode != http.StatusNoContent {
		t.Fatalf("put: %d %s", r.StatusCode, out)
	}
	rules, _, _ := e.client.Databases.GetFirewallRules(ctx, db.ID)
	if len(rules) != 2 || rules[0].UUID != before[0].UUID || !rules[0].CreatedAt.Equal(before[0].CreatedAt) {
		t.Fatalf("kept rule %+v, was %+v", rules, before[0])
	}
	if added := rules[1]; !uuidRE.MatchString(added.UUID) || added.ClusterUUID != db.ID || !added.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("new rule %+v", added)
	}
}
