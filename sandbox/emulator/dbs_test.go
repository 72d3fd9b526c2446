package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
)

func dbNames(dbs []godo.DatabaseDB) []string {
	var out []string
	for _, d := range dbs {
		out = append(out, d.Name)
	}
	return out
}

func TestDatabasesOfACluster(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("with-dbs"))

	list, _, err := e.client.Databases.ListDBs(ctx, db.ID, nil)
	if err != nil || strings.Join(dbNames(list), ",") != "defaultdb" {
		t.Fatalf("list %v %v", dbNames(list), err)
	}
	created, resp, err := e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: "orders"})
	if err != nil || resp.StatusCode != http.StatusCreated || created.Name != "orders" {
		t.Fatalf("create: %v %v %v", created, resp, err)
	}
	got, _, err := e.client.Databases.GetDB(ctx, db.ID, "orders")
	if err != nil || got.Name != "orders" {
		t.Fatalf("get: %v %v", got, err)
	}
	if names := e.get(db.ID).DBNames; strings.Join(names, ",") != "defaultdb,orders" {
		t.Fatalf("the cluster's db_names %v", names)
	}
	// DigitalOcean does not paginate a cluster's databases.
	if r, body := e.do("GET", "/v2/databases/"+db.ID+"/dbs?per_page=1", nil, testToken); r.StatusCode != 200 ||
		strings.Contains(string(body), `"meta"`) || strings.Count(string(body), `"name"`) != 2 {
		t.Fatalf("list: %d %s", r.StatusCode, body)
	}

	_, _, err = e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: "orders"})
	apiErr(t, err, 422, `the cluster has a database "orders" already`)
	for name, want := range map[string]string{"": "name is required", "has space": "letters, digits", strings.Repeat("d", 64): "1 to 63 characters"} {
		_, _, err = e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: name})
		apiErr(t, err, 422, want)
	}
	_, err = e.client.Databases.DeleteDB(ctx, db.ID, "defaultdb")
	apiErr(t, err, 422, "default database")

	resp, err = e.client.Databases.DeleteDB(ctx, db.ID, "orders")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %v %v", resp, err)
	}
	_, _, err = e.client.Databases.GetDB(ctx, db.ID, "orders")
	apiErr(t, err, 404, "could not be found")
	_, err = e.client.Databases.DeleteDB(ctx, db.ID, "orders")
	apiErr(t, err, 404, "could not be found")
	_, _, err = e.client.Databases.ListDBs(ctx, "00000000-0000-4000-8000-000000000000", nil)
	apiErr(t, err, 404, "could not be found")

	// MongoDB's default database is admin; caching, streaming and search clusters have none.
	mongo := e.create(&godo.DatabaseCreateRequest{Name: "docs", EngineSlug: "mongodb", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	if list, _, err := e.client.Databases.ListDBs(ctx, mongo.ID, nil); err != nil || !slices.Equal(dbNames(list), []string{"admin"}) {
		t.Fatalf("mongodb: %v %v", dbNames(list), err)
	}
	for _, engine := range []string{"redis", "valkey"} {
		c := e.create(&godo.DatabaseCreateRequest{Name: uniqueName(engine), EngineSlug: engine, SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
		_, _, err := e.client.Databases.ListDBs(ctx, c.ID, nil)
		apiErr(t, err, 422, "databases are not supported for "+engine+" clusters")
		_, _, err = e.client.Databases.CreateDB(ctx, c.ID, &godo.DatabaseCreateDBRequest{Name: "x"})
		apiErr(t, err, 422, "not supported")
	}
}
