package emulator

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
)

var ctx = context.Background()

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCreateGetListDelete(t *testing.T) {
	e := newEnv(t)
	req := pgRequest("orders")
	req.Tags = []string{"prod", "team:db"}
	db := e.create(req)

	if !uuidRE.MatchString(db.ID) {
		t.Errorf("id %q is not a UUID", db.ID)
	}
	if db.Status != "creating" {
		t.Errorf("status %q, want creating", db.Status)
	}
	if db.Name != "orders" || db.EngineSlug != "pg" || db.VersionSlug != "16" || db.SizeSlug != "db-s-1vcpu-1gb" ||
		db.RegionSlug != "nyc3" || db.NumNodes != 1 {
		t.Errorf("create answered %+v", db)
	}
	if db.CreatedAt.IsZero() || db.StorageSizeMib != 10240 {
		t.Errorf("created_at %v, storage %d", db.CreatedAt, db.StorageSizeMib)
	}
	if strings.Join(db.Tags, ",") != "prod,team:db" {
		t.Errorf("tags %v", db.Tags)
	}
	for name, c := range map[string]*godo.DatabaseConnection{"connection": db.Connection, "private_connection": db.PrivateConnection} {
		if c == nil {
			t.Fatalf("%s missing", name)
		}
		if c.Protocol != "postgresql" || c.Port != 25060 || c.User != "doadmin" || c.Database != "defaultdb" ||
			c.Password == "" || !c.SSL || !strings.HasSuffix(c.Host, ".b.db.ondigitalocean.com") {
			t.Errorf("%s %+v", name, c)
		}
		if c.URI != "postgresql://doadmin:"+c.Password+"@"+c.Host+":25060/defaultdb?sslmode=require" {
			t.Errorf("%s uri %q", name, c.URI)
		}
	}
	if db.Connection.Host != "orders-do-user-1-0.b.db.ondigitalocean.com" {
		t.Errorf("host %q", db.Connection.Host)
	}
	if len(db.Users) != 1 || db.Users[0].Name != "doadmin" || db.Users[0].Role != "primary" || db.Users[0].Password != db.Connection.Password {
		t.Errorf("users %+v", db.Users)
	}
	if len(db.DBNames) != 1 || db.DBNames[0] != "defaultdb" {
		t.Errorf("db_names %v", db.DBNames)
	}
	if db.MaintenanceWindow == nil || db.MaintenanceWindow.Day == "" || len(db.MaintenanceWindow.Hour) != 8 {
		t.Errorf("maintenance window %+v", db.MaintenanceWindow)
	}
	if db.URN() != "do:dbaas:"+db.ID {
		t.Errorf("urn %q", db.URN())
	}

	got := e.get(db.ID)
	if got.Status != "online" {
		t.Errorf("GET status %q, want online (no create delay)", got.Status)
	}
	if got.Connection.Password != db.Connection.Password || got.Name != "orders" {
		t.Errorf("GET %+v", got)
	}

	e.create(pgRequest("billing"))
	list, resp, err := e.client.Databases.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "orders" || list[1].Name != "billing" {
		t.Errorf("list %v", names(list))
	}
	if resp.Rate.Limit != 5000 || resp.Rate.Remaining <= 0 || resp.Rate.Reset.IsZero() {
		t.Errorf("rate %+v", resp.Rate)
	}

	resp, err = e.client.Databases.Delete(ctx, db.ID)
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %v %v", resp, err)
	}
	_, _, err = e.client.Databases.Get(ctx, db.ID)
	apiErr(t, err, 404, "could not be found")
	_, err = e.client.Databases.Delete(ctx, db.ID)
	apiErr(t, err, 404, "could not be found")

	r, body := e.do("GET", "/v2/databases/"+db.ID, nil, testToken)
	var er apiError
	mustUnmarshal(t, body, &er)
	if r.StatusCode != 404 || er.ID != "not_found" || er.Message != "The resource you were accessing could not be found." || er.RequestID != r.Header.Get("x-request-id") {
		t.Errorf("404 body %s", body)
	}
}

func names(dbs []godo.Database) []string {
	var out []string
	for _, d := range dbs {
		out = append(out, d.Name)
	}
	return out
}

func TestEveryResponseCarriesHeaders(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/v2/databases", "/v2/databases/nope", "/v2/unknown", "/v2/databases/options"} {
		for _, token := range []string{testToken, ""} {
			r, body := e.do("GET", path, nil, token)
			for _, h := range []string{"x-request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"} {
				if r.Header.Get(h) == "" {
					t.Errorf("GET %s (token %v): no %s header", path, token != "", h)
				}
			}
			if r.StatusCode >= 400 {
				var er apiError
				mustUnmarshal(t, body, &er)
				if er.ID == "" || er.Message == "" || er.RequestID != r.Header.Get("x-request-id") {
					t.Errorf("GET %s: error body %s", path, body)
				}
			}
		}
	}
}

func TestUnauthorized(t *testing.T) {
	e := newEnv(t)
	for _, auth := range []string{"", "Bearer wrong", "Basic dGVzdA==", "Bearer", "bearer " + testToken + "x"} {
		req, _ := http.NewRequest("GET", e.ts.URL+"/v2/databases", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var er apiError
		if err := json.NewDecoder(resp.Body).Decode(&er); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 || er.ID != "Unauthorized" || er.Message != "Unable to authenticate you" {
			t.Errorf("auth %q: %d %+v", auth, resp.StatusCode, er)
		}
	}
	_, _, err := e.godo("wrong", 0).Databases.List(ctx, nil)
	apiErr(t, err, 401, "Unable to authenticate you")
	// The second token works as well as the first, and the scheme is case-insensitive.
	if _, _, err := e.godo("test-token-2", 0).Databases.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if r, _ := e.do("GET", "/v2/databases", nil, ""); r.StatusCode != 401 {
		t.Fatal(r.Status)
	}
	req, _ := http.NewRequest("GET", e.ts.URL+"/v2/databases", nil)
	req.Header.Set("Authorization", "bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("lower-case bearer: %v %v", resp.Status, err)
	}
	resp.Body.Close()
}

func TestNotFoundPaths(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/v2/nothing", "/v2/databases/x/y/z", "/v2/databases/00000000-0000-4000-8000-000000000000/resize"} {
		method := "GET"
		if strings.HasSuffix(p, "resize") {
			method = "PUT"
		}
		r, body := e.do(method, p, `{"size":"db-s-1vcpu-1gb","num_nodes":1}`, testToken)
		if r.StatusCode != 404 || !strings.Contains(string(body), `"not_found"`) {
			t.Errorf("%s %s: %d %s", method, p, r.StatusCode, body)
		}
	}
}

func TestStatusesFollowDelays(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock), withDelays(10*time.Minute, 5*time.Minute))
	db := e.create(pgRequest("slow"))
	if db.Status != "creating" {
		t.Fatalf("status %q", db.Status)
	}
	clock.Advance(9 * time.Minute)
	if st := e.get(db.ID).Status; st != "creating" {
		t.Fatalf("after 9m: %q", st)
	}
	// Busy clusters refuse another operation.
	_, err := e.client.Databases.Resize(ctx, db.ID, &godo.DatabaseResizeRequest{SizeSlug: "db-s-1vcpu-2gb", NumNodes: 1})
	apiErr(t, err, 422, "creating")
	clock.Advance(time.Minute)
	if st := e.get(db.ID).Status; st != "online" {
		t.Fatalf("after 10m: %q", st)
	}

	resp, err := e.client.Databases.Resize(ctx, db.ID, &godo.DatabaseResizeRequest{SizeSlug: "db-s-2vcpu-4gb", NumNodes: 2})
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("resize: %v %v", resp, err)
	}
	got := e.get(db.ID)
	if got.Status != "resizing" || got.SizeSlug != "db-s-2vcpu-4gb" || got.NumNodes != 2 {
		t.Fatalf("after resize: %s %s %d", got.Status, got.SizeSlug, got.NumNodes)
	}
	clock.Advance(5 * time.Minute)
	if st := e.get(db.ID).Status; st != "online" {
		t.Fatalf("after the resize delay: %q", st)
	}

	resp, err = e.client.Databases.Migrate(ctx, db.ID, &godo.DatabaseMigrateRequest{Region: "fra1"})
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("migrate: %v %v", resp, err)
	}
	got = e.get(db.ID)
	if got.Status != "migrating" || got.RegionSlug != "fra1" {
		t.Fatalf("after migrate: %s %s", got.Status, got.RegionSlug)
	}
	clock.Advance(5 * time.Minute)
	if st := e.get(db.ID).Status; st != "online" {
		t.Fatalf("after the migrate delay: %q", st)
	}

	// Settings change the delays of later operations.
	e.control("PUT", "/settings", map[string]string{"create_delay": "0s", "resize_delay": "1m"}, 200)
	quick := e.create(pgRequest("quick"))
	if quick.Status != "creating" || e.get(quick.ID).Status != "online" {
		t.Fatalf("with no create delay: %s then %s", quick.Status, e.get(quick.ID).Status)
	}
	if _, err := e.client.Databases.Resize(ctx, quick.ID, &godo.DatabaseResizeRequest{SizeSlug: "db-s-1vcpu-2gb", NumNodes: 1}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Second)
	if st := e.get(quick.ID).Status; st != "resizing" {
		t.Fatalf("59s into a 1m resize: %q", st)
	}
	clock.Advance(time.Second)
	if st := e.get(quick.ID).Status; st != "online" {
		t.Fatalf("after the 1m resize: %q", st)
	}
}

func TestDefaultVersionPerEngine(t *testing.T) {
	e := newEnv(t)
	sizes := map[string]string{"kafka": "db-s-2vcpu-4gb", "opensearch": "db-s-2vcpu-4gb"}
	nodes := map[string]int{"kafka": 3}
	for _, slug := range engineOrder {
		size, n := sizes[slug], nodes[slug]
		if size == "" {
			size = "db-s-1vcpu-2gb"
		}
		if n == 0 {
			n = 1
		}
		db := e.create(&godo.DatabaseCreateRequest{Name: uniqueName(slug), EngineSlug: slug, SizeSlug: size, Region: "ams3", NumNodes: n})
		if db.VersionSlug != engines[slug].DefaultVersion || db.EngineSlug != slug {
			t.Errorf("%s: version %q, want %q", slug, db.VersionSlug, engines[slug].DefaultVersion)
		}
		if db.Connection == nil || db.Connection.Password == "" || db.Connection.Host == "" || db.Connection.Port == 0 {
			t.Errorf("%s: connection %+v", slug, db.Connection)
		}
		if (slug == "redis" || slug == "valkey") != (db.StorageSizeMib == 0) {
			t.Errorf("%s: storage %d", slug, db.StorageSizeMib)
		}
	}
}

func TestCreateValidation(t *testing.T) {
	e := newEnv(t)
	valid := func() *godo.DatabaseCreateRequest { return pgRequest(uniqueName("v")) }
	cases := []struct {
		name   string
		change func(r *godo.DatabaseCreateRequest)
		want   string
	}{
		{"engine missing", func(r *godo.DatabaseCreateRequest) { r.EngineSlug = "" }, "engine is required"},
		{"engine unknown", func(r *godo.DatabaseCreateRequest) { r.EngineSlug = "postgres" }, `engine "postgres" is invalid`},
		{"version not offered", func(r *godo.DatabaseCreateRequest) { r.Version = "12" }, `version "12" is not available for engine pg`},
		{"version of another engine", func(r *godo.DatabaseCreateRequest) { r.Version = "8" }, `version "8"`},
		{"region missing", func(r *godo.DatabaseCreateRequest) { r.Region = "" }, "region is required"},
		{"region unknown", func(r *godo.DatabaseCreateRequest) { r.Region = "mars1" }, `region "mars1" is invalid`},
		{"size missing", func(r *godo.DatabaseCreateRequest) { r.SizeSlug = "" }, "size is required"},
		{"size unknown", func(r *godo.DatabaseCreateRequest) { r.SizeSlug = "db-s-3vcpu-3gb" }, `size "db-s-3vcpu-3gb" is not available for engine pg`},
		{"size of another engine", func(r *godo.DatabaseCreateRequest) { r.SizeSlug = "m-2vcpu-16gb" }, `size "m-2vcpu-16gb"`},
		{"num_nodes missing", func(r *godo.DatabaseCreateRequest) { r.NumNodes = 0 }, "num_nodes is required"},
		{"num_nodes negative", func(r *godo.DatabaseCreateRequest) { r.NumNodes = -1 }, "num_nodes -1"},
		{"num_nodes of the smallest size", func(r *godo.DatabaseCreateRequest) { r.NumNodes = 2 }, "num_nodes 2 is not available for size db-s-1vcpu-1gb"},
		{"num_nodes too many", func(r *godo.DatabaseCreateRequest) { r.SizeSlug, r.NumNodes = "db-s-2vcpu-4gb", 4 }, "num_nodes 4"},
		{"storage too small", func(r *godo.DatabaseCreateRequest) { r.StorageSizeMib = 5120 }, "storage_size_mib 5120 is out of range for size db-s-1vcpu-1gb"},
		{"storage too big", func(r *godo.DatabaseCreateRequest) { r.StorageSizeMib = 40960 }, "storage_size_mib 40960 is out of range"},
		{"storage for caching", func(r *godo.DatabaseCreateRequest) {
			r.EngineSlug, r.Version, r.StorageSizeMib = "redis", "7", 10240
		}, "storage_size_mib is not supported for engine redis"},
		{"name missing", func(r *godo.DatabaseCreateRequest) { r.Name = "" }, "name is required"},
		{"name too short", func(r *godo.DatabaseCreateRequest) { r.Name = "ab" }, `name "ab" must be 3 to 63 characters`},
		{"name too long", func(r *godo.DatabaseCreateRequest) { r.Name = "a" + strings.Repeat("b", 63) }, "must be 3 to 63 characters"},
		{"name upper case", func(r *godo.DatabaseCreateRequest) { r.Name = "Orders" }, `name "Orders" must start with a lowercase letter`},
		{"name starts with a digit", func(r *godo.DatabaseCreateRequest) { r.Name = "1orders" }, "must start with a lowercase letter"},
		{"name with underscore", func(r *godo.DatabaseCreateRequest) { r.Name = "my_db" }, "only lowercase letters, digits and hyphens"},
		{"name ends with hyphen", func(r *godo.DatabaseCreateRequest) { r.Name = "orders-" }, "must not end with a hyphen"},
		{"tag invalid", func(r *godo.DatabaseCreateRequest) { r.Tags = []string{"has space"} }, `tags: "has space" is invalid`},
		{"vpc invalid", func(r *godo.DatabaseCreateRequest) { r.PrivateNetworkUUID = "vpc-1" }, `private_network_uuid "vpc-1" is not a valid UUID`},
		{"project invalid", func(r *godo.DatabaseCreateRequest) { r.ProjectID = "default" }, `project_id "default" is not a valid UUID`},
		{"rule invalid", func(r *godo.DatabaseCreateRequest) {
			r.Rules = []*godo.DatabaseCreateFirewallRule{{Type: "cidr", Value: "10.0.0.0/8"}}
		}, `rules[0].type "cidr" is invalid`},
		{"autoscale threshold", func(r *godo.DatabaseCreateRequest) {
			r.StorageAutoscale = &godo.DatabaseStorageAutoscale{Enabled: true, ThresholdPercent: godo.PtrTo(99)}
		}, "threshold_percent 99 is out of range"},
		{"backup of an unknown cluster", func(r *godo.DatabaseCreateRequest) {
			r.BackupRestore = &godo.DatabaseBackupRestore{DatabaseName: "nope"}
		}, `backup_restore.database_name "nope": no database cluster has that name`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := valid()
			c.change(r)
			_, resp, err := e.client.Databases.Create(ctx, r)
			apiErr(t, err, 422, c.want)
			_ = resp
		})
	}
	// The id of the error is DigitalOcean's.
	r, body := e.do("POST", "/v2/databases", map[string]any{"name": "x"}, testToken)
	var er apiError
	mustUnmarshal(t, body, &er)
	if r.StatusCode != 422 || er.ID != "unprocessable_entity" {
		t.Errorf("%d %s", r.StatusCode, body)
	}
	// Bodies that are not JSON, or have fields of the wrong type.
	if r, body := e.do("POST", "/v2/databases", "{nope", testToken); r.StatusCode != 400 || !strings.Contains(string(body), "bad_request") {
		t.Errorf("bad JSON: %d %s", r.StatusCode, body)
	}
	if r, body := e.do("POST", "/v2/databases", `{"name":"typed","num_nodes":"two"}`, testToken); r.StatusCode != 422 || !strings.Contains(string(body), "num_nodes") {
		t.Errorf("typed: %d %s", r.StatusCode, body)
	}
	// Nothing was created by the failures.
	if list, _, _ := e.client.Databases.List(ctx, nil); len(list) != 0 {
		t.Errorf("created %v", names(list))
	}
	// A valid storage size is kept.
	req := valid()
	req.SizeSlug, req.StorageSizeMib = "db-s-2vcpu-4gb", 61440*2
	if db := e.create(req); db.StorageSizeMib != 122880 {
		t.Errorf("storage %d", db.StorageSizeMib)
	}
}

func TestNameHold(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock))
	db := e.create(pgRequest("held"))

	_, _, err := e.client.Databases.Create(ctx, pgRequest("held"))
	apiErr(t, err, 422, `name "held" is not available`)

	if _, err := e.client.Databases.Delete(ctx, db.ID); err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Second)
	_, _, err = e.client.Databases.Create(ctx, pgRequest("held"))
	apiErr(t, err, 422, "not available")
	clock.Advance(time.Second)
	again := e.create(pgRequest("held"))
	if again.ID == db.ID {
		t.Fatal("same id")
	}

	// An out-of-band delete holds the name too; the hold can change at runtime.
	e.control("DELETE", "/databases/"+again.ID, nil, 204)
	_, _, err = e.client.Databases.Create(ctx, pgRequest("held"))
	apiErr(t, err, 422, "not available")
	e.control("PUT", "/settings", map[string]string{"name_hold": "0s"}, 200)
	e.create(pgRequest("held"))
}

func TestListPagingAndTagFilter(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 5; i++ {
		req := pgRequest(uniqueName("page"))
		if i%2 == 0 {
			req.Tags = []string{"even"}
		}
		e.create(req)
	}
	type listBody struct {
		Databases []json.RawMessage `json:"databases"`
		Links     struct {
			Pages map[string]string `json:"pages"`
		} `json:"links"`
		Meta struct {
			Total int `json:"total"`
		} `json:"meta"`
	}
	get := func(q string) listBody {
		r, body := e.do("GET", "/v2/databases"+q, nil, testToken)
		if r.StatusCode != 200 {
			t.Fatalf("%s: %d %s", q, r.StatusCode, body)
		}
		var b listBody
		mustUnmarshal(t, body, &b)
		return b
	}
	p1 := get("?per_page=2")
	if len(p1.Databases) != 2 || p1.Meta.Total != 5 || p1.Links.Pages["first"] != "" {
		t.Fatalf("page 1: %d items, total %d, links %v", len(p1.Databases), p1.Meta.Total, p1.Links.Pages)
	}
	if !strings.HasSuffix(p1.Links.Pages["next"], "/v2/databases?page=2&per_page=2") || !strings.Contains(p1.Links.Pages["last"], "page=3") {
		t.Fatalf("page 1 links %v", p1.Links.Pages)
	}
	p3 := get("?per_page=2&page=3")
	if len(p3.Databases) != 1 || p3.Links.Pages["next"] != "" || !strings.Contains(p3.Links.Pages["prev"], "page=2") || !strings.Contains(p3.Links.Pages["first"], "page=1") {
		t.Fatalf("page 3: %d items, links %v", len(p3.Databases), p3.Links.Pages)
	}
	if all := get(""); len(all.Databases) != 5 || len(all.Links.Pages) != 0 {
		t.Fatalf("default page: %d items, links %v", len(all.Databases), all.Links.Pages)
	}
	if beyond := get("?page=9"); len(beyond.Databases) != 0 || beyond.Meta.Total != 5 {
		t.Fatalf("beyond the end: %d", len(beyond.Databases))
	}
	even := get("?tag_name=even")
	if len(even.Databases) != 3 || even.Meta.Total != 3 {
		t.Fatalf("tag filter: %d", len(even.Databases))
	}
	// godo pages the same way.
	list, _, err := e.client.Databases.List(ctx, &godo.ListOptions{Page: 2, PerPage: 2})
	if err != nil || len(list) != 2 {
		t.Fatalf("godo page 2: %v %v", names(list), err)
	}
}

func TestResize(t *testing.T) {
	e := newEnv(t)
	req := pgRequest("grow")
	req.SizeSlug, req.NumNodes = "db-s-2vcpu-4gb", 1
	db := e.create(req)
	resize := func(size string, nodes int, storage uint64) error {
		_, err := e.client.Databases.Resize(ctx, db.ID, &godo.DatabaseResizeRequest{SizeSlug: size, NumNodes: nodes, StorageSizeMib: storage})
		return err
	}
	apiErr(t, resize("db-s-9vcpu-9gb", 1, 0), 422, `size "db-s-9vcpu-9gb" is not available`)
	apiErr(t, resize("", 1, 0), 422, "size is required")
	apiErr(t, resize("db-s-1vcpu-1gb", 3, 0), 422, "num_nodes 3 is not available for size db-s-1vcpu-1gb")
	apiErr(t, resize("db-s-2vcpu-4gb", 0, 0), 422, "num_nodes is required")
	apiErr(t, resize("db-s-4vcpu-8gb", 3, 1<<30), 422, "out of range")
	apiErr(t, resize("db-s-2vcpu-4gb", 2, 61440-10240), 422, "out of range")

	if err := resize("db-s-2vcpu-4gb", 3, 92160); err != nil {
		t.Fatal(err)
	}
	got := e.get(db.ID)
	if got.SizeSlug != "db-s-2vcpu-4gb" || got.NumNodes != 3 || got.StorageSizeMib != 92160 {
		t.Fatalf("after resize %s %d %d", got.SizeSlug, got.NumNodes, got.StorageSizeMib)
	}
	if got.StandbyConnection == nil {
		t.Error("a 3-node pg cluster has a standby connection")
	}
	// Storage never shrinks; without storage_size_mib the cluster keeps it, or gets the new base.
	apiErr(t, resize("db-s-2vcpu-4gb", 3, 81920), 422, "storage cannot be reduced")
	if err := resize("db-s-4vcpu-8gb", 3, 0); err != nil {
		t.Fatal(err)
	}
	if got := e.get(db.ID); got.StorageSizeMib != 140*1024 {
		t.Fatalf("storage after growing to 8gb: %d", got.StorageSizeMib)
	}
	apiErr(t, resize("db-s-1vcpu-1gb", 1, 0), 422, "holds at most")
	_, err := e.client.Databases.Resize(ctx, "00000000-0000-4000-8000-000000000000", &godo.DatabaseResizeRequest{SizeSlug: "db-s-1vcpu-1gb", NumNodes: 1})
	apiErr(t, err, 404, "could not be found")
}

func TestMigrateAndUpgrade(t *testing.T) {
	e := newEnv(t)
	req := pgRequest("moving")
	req.Version = "14"
	db := e.create(req)
	migrate := func(region string) error {
		_, err := e.client.Databases.Migrate(ctx, db.ID, &godo.DatabaseMigrateRequest{Region: region})
		return err
	}
	apiErr(t, migrate(""), 422, "region is required")
	apiErr(t, migrate("moon2"), 422, `region "moon2" is invalid`)
	apiErr(t, migrate("nyc3"), 422, "already in nyc3")
	vpc := db.PrivateNetworkUUID
	if err := migrate("lon1"); err != nil {
		t.Fatal(err)
	}
	got := e.get(db.ID)
	if got.RegionSlug != "lon1" || got.PrivateNetworkUUID == vpc || !uuidPattern.MatchString(got.PrivateNetworkUUID) {
		t.Fatalf("after migrate: %s %s", got.RegionSlug, got.PrivateNetworkUUID)
	}

	upgrade := func(v string) (*godo.Response, error) {
		return e.client.Databases.UpgradeMajorVersion(ctx, db.ID, &godo.UpgradeVersionRequest{Version: v})
	}
	_, err := upgrade("")
	apiErr(t, err, 422, "version is required")
	_, err = upgrade("13")
	apiErr(t, err, 422, `version "13" is not newer than the cluster's version "14"`)
	_, err = upgrade("14")
	apiErr(t, err, 422, "not newer")
	_, err = upgrade("19")
	apiErr(t, err, 422, `version "19" is not available for engine pg`)
	resp, err := upgrade("16")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	if got := e.get(db.ID); got.VersionSlug != "16" || got.Status != "online" {
		t.Fatalf("after upgrade: %s %s", got.VersionSlug, got.Status)
	}
}

// godo sends private_network_uuid and project_id as "" and rules as null when they are unset.
func TestGodoQuirks(t *testing.T) {
	e := newEnv(t)
	raw := `{"name":"quirks","engine":"pg","version":"17","size":"db-s-1vcpu-2gb","region":"sfo3","num_nodes":2,` +
		`"private_network_uuid":"","project_id":"","rules":null,"tags":null}`
	r, body := e.do("POST", "/v2/databases", raw, testToken)
	if r.StatusCode != 201 {
		t.Fatalf("%d %s", r.StatusCode, body)
	}
	var created struct{ Database godo.Database }
	mustUnmarshal(t, body, &created)
	db := created.Database
	if db.PrivateNetworkUUID != defaultVPC("sfo3") || db.ProjectID != defaultProjectID || db.Tags != nil {
		t.Fatalf("defaults: vpc %q project %q tags %v", db.PrivateNetworkUUID, db.ProjectID, db.Tags)
	}
	// godo's own encoding of an unset request.
	req := &godo.DatabaseCreateRequest{Name: "quirks2", EngineSlug: "pg", SizeSlug: "db-s-1vcpu-2gb", Region: "sfo3", NumNodes: 1}
	data, _ := json.Marshal(req)
	for _, s := range []string{`"private_network_uuid":""`, `"project_id":""`, `"rules":null`} {
		if !strings.Contains(string(data), s) {
			t.Fatalf("godo no longer sends %s: %s", s, data)
		}
	}
	e.create(req)
	// Given values are kept.
	req = pgRequest("quirks3")
	req.PrivateNetworkUUID, req.ProjectID = "d455e75d-4858-4eec-8c95-da2f0a5f93a7", "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
	req.Rules = []*godo.DatabaseCreateFirewallRule{{Type: "ip_addr", Value: "192.168.1.1"}}
	got := e.create(req)
	if got.PrivateNetworkUUID != req.PrivateNetworkUUID || got.ProjectID != req.ProjectID {
		t.Fatalf("kept %q %q", got.PrivateNetworkUUID, got.ProjectID)
	}
}

func TestBackupRestoreForks(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock), withDelays(time.Minute, 0))
	src := e.create(pgRequest("source"))
	clock.Advance(time.Minute)
	req := pgRequest("restored")
	req.BackupRestore = &godo.DatabaseBackupRestore{DatabaseName: src.Name, BackupCreatedAt: "2026-11-30T00:00:00Z"}
	db := e.create(req)
	if db.Status != "forking" || e.get(db.ID).Status != "forking" {
		t.Fatalf("status %q", db.Status)
	}
	clock.Advance(time.Minute)
	if st := e.get(db.ID).Status; st != "online" {
		t.Fatalf("status %q", st)
	}
	req = pgRequest("restored2")
	req.EngineSlug, req.Version = "mysql", "8"
	req.BackupRestore = &godo.DatabaseBackupRestore{DatabaseName: src.Name}
	_, _, err := e.client.Databases.Create(ctx, req)
	apiErr(t, err, 422, "is a pg cluster, not mysql")
}
