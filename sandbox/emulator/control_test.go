package emulator

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestControlDrift(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("drifty"))
	var d databaseJSON
	mustUnmarshal(t, e.control("PATCH", "/databases/"+db.ID, map[string]any{
		"size": "db-s-2vcpu-4gb", "num_nodes": 3, "storage_size_mib": 81920, "region": "tor1",
		"version": "17", "status": "forking", "tags": []string{"drifted"},
	}, 200), &d)
	if d.Size != "db-s-2vcpu-4gb" || d.Status != "forking" {
		t.Fatalf("patch answered %+v", d)
	}
	got := e.get(db.ID)
	if got.SizeSlug != "db-s-2vcpu-4gb" || got.NumNodes != 3 || got.StorageSizeMib != 81920 || got.RegionSlug != "tor1" ||
		got.VersionSlug != "17" || got.Status != "forking" || !slices.Equal(got.Tags, []string{"drifted"}) {
		t.Fatalf("the client sees %+v", got)
	}
	if got.PrivateNetworkUUID != defaultVPC("tor1") {
		t.Errorf("vpc %q", got.PrivateNetworkUUID)
	}
	// A status set by hand stays until changed; online ends it.
	time.Sleep(10 * time.Millisecond)
	if st := e.get(db.ID).Status; st != "forking" {
		t.Fatalf("status %q", st)
	}
	e.control("PATCH", "/databases/"+db.ID, map[string]any{"status": "online"}, 200)
	if st := e.get(db.ID).Status; st != "online" {
		t.Fatalf("status %q", st)
	}
	// Only the fields given change; bad values are refused.
	e.control("PATCH", "/databases/"+db.ID, map[string]any{"num_nodes": 1}, 200)
	if got := e.get(db.ID); got.NumNodes != 1 || got.SizeSlug != "db-s-2vcpu-4gb" {
		t.Fatalf("%+v", got)
	}
	e.control("PATCH", "/databases/"+db.ID, map[string]any{"num_nodes": 0}, 422)
	e.control("PATCH", "/databases/"+db.ID, map[string]any{"size": ""}, 422)
	e.control("PATCH", "/databases/"+db.ID, `{"num_nodes":"x"}`, 422)
	e.control("PATCH", "/databases/00000000-0000-4000-8000-000000000000", map[string]any{"size": "x"}, 404)

	var all []databaseJSON
	mustUnmarshal(t, e.control("GET", "/databases", nil, 200), &all)
	if len(all) != 1 || all[0].ID != db.ID || all[0].Connection == nil || all[0].Connection.Password == "" {
		t.Fatalf("control list %+v", all)
	}
	mustUnmarshal(t, e.control("GET", "/databases/"+db.ID, nil, 200), &d)
	if d.ID != db.ID {
		t.Fatal(d.ID)
	}

	// An out-of-band delete: the client's next GET is a 404.
	e.control("DELETE", "/databases/"+db.ID, nil, 204)
	_, _, err := e.client.Databases.Get(ctx, db.ID)
	apiErr(t, err, 404, "could not be found")
	e.control("DELETE", "/databases/"+db.ID, nil, 404)
	mustUnmarshal(t, e.control("GET", "/databases", nil, 200), &all)
	if len(all) != 0 {
		t.Fatalf("%d left", len(all))
	}
}

func TestControlSettingsAndRequests(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock))
	var st map[string]string
	mustUnmarshal(t, e.control("GET", "/settings", nil, 200), &st)
	if st["create_delay"] != "0s" || st["resize_delay"] != "0s" || st["name_hold"] != "1m0s" {
		t.Fatalf("settings %v", st)
	}
	mustUnmarshal(t, e.control("PUT", "/settings", map[string]string{"create_delay": "10s"}, 200), &st)
	if st["create_delay"] != "10s" || st["resize_delay"] != "0s" {
		t.Fatalf("settings %v", st)
	}
	e.control("PUT", "/settings", map[string]string{"create_delay": "ten"}, 422)
	e.control("PUT", "/settings", map[string]string{"create_delay": "-1s"}, 422)

	db := e.create(pgRequest("delayed"))
	clock.Advance(9 * time.Second)
	if s := e.get(db.ID).Status; s != "creating" {
		t.Fatalf("status %q", s)
	}
	clock.Advance(time.Second)
	if s := e.get(db.ID).Status; s != "online" {
		t.Fatalf("status %q", s)
	}

	// The request log has every /v2 request, never a control request, body or header.
	_, _ = e.do("GET", "/v2/databases", nil, "wrong")
	recs := e.requests()
	var got []string
	for _, r := range recs {
		got = append(got, r.Method+" "+r.Path+" "+strconv.Itoa(r.Status))
		if r.Time == "" || r.RequestID == "" {
			t.Errorf("record %+v", r)
		}
		if _, err := time.Parse(time.RFC3339Nano, r.Time); err != nil {
			t.Errorf("time %q", r.Time)
		}
	}
	want := []string{"POST /v2/databases 201", "GET /v2/databases/" + db.ID + " 200", "GET /v2/databases/" + db.ID + " 200", "GET /v2/databases 401"}
	if !slices.Equal(got, want) {
		t.Fatalf("requests\n%v\nwant\n%v", got, want)
	}
	raw := string(e.control("GET", "/requests", nil, 200))
	if strings.Contains(raw, db.Connection.Password) || strings.Contains(raw, testToken) || strings.Contains(raw, "wrong") {
		t.Fatal("the request log holds a secret")
	}
	e.control("DELETE", "/requests", nil, 204)
	if recs := e.requests(); len(recs) != 0 {
		t.Fatalf("after clearing: %v", recs)
	}
	// Unknown control paths are JSON 404s.
	if r, body := e.do("GET", "/_emulator/nothing", nil, ""); r.StatusCode != 404 || !strings.Contains(string(body), "not_found") {
		t.Fatalf("%d %s", r.StatusCode, body)
	}
}
