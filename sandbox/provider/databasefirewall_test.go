package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
)

func firewallResource(t *testing.T, s *server) testResource {
	return testResource{t: t, s: s, token: firewallToken, name: "trusted-sources"}
}

func rules(typeValue ...string) resource.PropertyValue {
	var list []resource.PropertyValue
	for i := 0; i < len(typeValue); i += 2 {
		list = append(list, resource.NewObjectProperty(resource.PropertyMap{
			"type": resource.NewStringProperty(typeValue[i]), "value": resource.NewStringProperty(typeValue[i+1])}))
	}
	return resource.NewArrayProperty(list)
}

func firewallInputs(clusterID string) resource.PropertyMap {
	return resource.PropertyMap{"clusterId": resource.NewStringProperty(clusterID),
		"rules": rules("ip_addr", "192.168.1.1", "tag", "web")}
}

func TestFirewallCreateSetsTheRulesAndDeleteEmptiesThem(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := firewallResource(t, s)
	inputs, id, outs := r.mustCreate(firewallInputs(cid))
	if !regexp.MustCompile(`^` + cid + `-[0-9]{18}[0-9a-f]{8}$`).MatchString(id) {
		t.Errorf("id %q is not <cluster id>-<unique suffix>", id)
	}
	calls := fake.Calls(false)
	if calls[len(calls)-1] != "PUT /v2/databases/"+cid+"/firewall" {
		t.Fatalf("calls %v", calls)
	}
	held := fake.FirewallRules(cid)
	state := objects(outs["rules"])
	if len(held) != 2 || len(state) != 2 || getString(state[0], "uuid") != held[0].UUID || getString(state[0], "type") != "ip_addr" ||
		getString(state[1], "value") != "web" || getString(state[0], "createdAt") == "" {
		t.Errorf("rules %v, DigitalOcean has %v", outs["rules"], held)
	}
	// A second id for the same cluster is another one.
	if other := firewallID(cid); other == id {
		t.Errorf("ids repeat: %s", id)
	}
	if err := r.delete(id, inputs, outs); err != nil {
		t.Fatal(err)
	}
	if got := fake.FirewallRules(cid); len(got) != 0 {
		t.Errorf("delete left %v", got)
	}
	if reqs := fake.Requests(); !strings.Contains(reqs[len(reqs)-1].Body, `"rules":[]`) {
		t.Errorf("delete body %s", reqs[len(reqs)-1].Body)
	}
}

func TestFirewallRulesAreASetAndAPutReplacesThem(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := firewallResource(t, s)
	inputs, id, outs := r.mustCreate(firewallInputs(cid))
	kept := fake.FirewallRules(cid)[0]
	// Order, and DigitalOcean's uuids and timestamps, are no change.
	requireNoDiff(t, r.diff(id, inputs, outs, with(inputs, "rules", rules("tag", "web", "ip_addr", "192.168.1.1"))))

	news, failures := r.check(inputs, with(inputs, "rules", rules("ip_addr", "192.168.1.1", "droplet", "2112")))
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	d := r.diff(id, inputs, outs, news)
	if strings.Join(d.GetDiffs(), ",") != "rules" || len(d.GetReplaces()) != 0 {
		t.Fatalf("diff %v", d)
	}
	base := len(fake.Requests())
	got, err := r.update(id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	put := fake.Requests()[base]
	containsAll(t, put.Body, `"uuid":"`+kept.UUID+`"`, `"value":"2112"`)
	held := fake.FirewallRules(cid)
	if len(held) != 2 || held[0].UUID != kept.UUID || held[1].Type != "droplet" || ruleSetKey(got["rules"]) != ruleSetKey(news["rules"]) {
		t.Errorf("after update: %v, DigitalOcean has %v", got["rules"], held)
	}
	news, _ = r.check(inputs, with(inputs, "clusterId", "9cc10173-e9ea-4176-9dbc-999999999999"))
	if d := r.diff(id, inputs, outs, news); strings.Join(d.GetReplaces(), ",") != "clusterId" || d.GetDeleteBeforeReplace() {
		t.Errorf("another cluster: %v", d)
	}
}

func TestFirewallRefreshShowsDriftAndNoticesTheClusterGone(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := firewallResource(t, s)
	inputs, id, outs := r.mustCreate(firewallInputs(cid))
	// Another program replaced the rules: the refresh shows it and the next up puts them back.
	r.mustCreate(resource.PropertyMap{"clusterId": resource.NewStringProperty(cid), "rules": rules("app", "f2a3")})
	resp, err := r.read(id, inputs, outs)
	if err != nil {
		t.Fatal(err)
	}
	ins, state := mustUnmarshal(t, resp.GetInputs()), mustUnmarshal(t, resp.GetProperties())
	if ruleSetKey(ins["rules"]) != ruleSetKey(rules("app", "f2a3")) || resp.GetId() != id {
		t.Errorf("drift not shown: %v", ins)
	}
	if d := r.diff(id, ins, state, inputs); strings.Join(d.GetDiffs(), ",") != "rules" {
		t.Errorf("diff after drift: %v", d)
	}
	fake.Remove(cid)
	r.requireGone(id, inputs, outs)
}

func TestFirewallImportByClusterID(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := firewallResource(t, s)
	_, id, _ := r.mustCreate(firewallInputs(cid))
	resp, err := r.read(cid, nil, resource.PropertyMap{})
	if err != nil {
		t.Fatal(err)
	}
	ins := mustUnmarshal(t, resp.GetInputs())
	if !strings.HasPrefix(resp.GetId(), cid+"-") || resp.GetId() == id || getString(ins, "clusterId") != cid || len(objects(ins["rules"])) != 2 {
		t.Errorf("import: %v %v", resp.GetId(), ins)
	}
	if resp, err = r.read(id, nil, resource.PropertyMap{}); err != nil || resp.GetId() != id {
		t.Errorf("read by the resource's own id: %v %v", resp, err)
	}
}

func TestFirewallRefusals(t *testing.T) {
	s, fake := newTestProvider(t)
	r := firewallResource(t, s)
	_, failures := r.check(nil, resource.PropertyMap{})
	requireFailures(t, failures, "clusterId", "rules")
	// The schema's camelCase "ipAddr" is a docs artifact: DigitalOcean wants ip_addr.
	_, failures = r.check(nil, with(firewallInputs("c"), "rules", rules("ipAddr", "10.0.0.1", "tag", "")))
	requireFailures(t, failures, "rules[0].type", "rules[1].value")
	_, failures = r.check(nil, with(firewallInputs("c"), "rules", resource.NewArrayProperty(nil)))
	requireFailures(t, failures, "rules")
	inputs, _ := r.check(nil, firewallInputs("9cc10173-e9ea-4176-9dbc-999999999999"))
	_, _, err := r.create(t.Context(), inputs, false)
	if err == nil {
		t.Fatal("a firewall of a missing cluster")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error creating DatabaseFirewall: PUT "+fake.URL+"/v2/databases/9cc10173-e9ea-4176-9dbc-999999999999/firewall: 404")
}

// DigitalOcean refuses IPv6 trusted sources; Check lets them through as the official provider does,
// and DigitalOcean's 422 is the error, with its words. The rules stay as they were.
func TestFirewallIPv6SourceFailsWithDigitalOceansMessage(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := firewallResource(t, s)
	inputs, id, outs := r.mustCreate(firewallInputs(cid))
	before := fake.FirewallRules(cid)
	news, failures := r.check(inputs, with(inputs, "rules", rules("ip_addr", "192.168.1.1", "ip_addr", "2001:db8::/32")))
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	_, err := r.update(id, inputs, outs, news)
	if err == nil {
		t.Fatal("an IPv6 trusted source was taken")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error updating DatabaseFirewall: PUT "+fake.URL+"/v2/databases/"+cid+"/firewall: 422",
		"You cannot add IPv6 addresses as trusted sources.")
	if after := fake.FirewallRules(cid); len(after) != len(before) || after[0].UUID != before[0].UUID || after[1].Value != "web" {
		t.Errorf("the refused PUT changed the rules: %v, were %v", after, before)
	}
}
