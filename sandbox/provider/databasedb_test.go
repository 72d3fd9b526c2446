package main

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func dbResource(t *testing.T, s *server) testResource {
	return testResource{t: t, s: s, token: dbToken, name: "app-db"}
}

func dbInputs(clusterID string) resource.PropertyMap {
	return resource.PropertyMap{"clusterId": resource.NewStringProperty(clusterID), "name": resource.NewStringProperty("app")}
}

func TestDbCreateReadDeleteAndRefreshAfterDeletion(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := dbResource(t, s)
	inputs, id, outs := r.mustCreate(dbInputs(cid))
	if id != cid+"/database/app" || !fake.DB(cid, "app") {
		t.Fatalf("id %q (want <cluster>/database/<name>), created %v", id, fake.DB(cid, "app"))
	}
	if getString(outs, "clusterId") != cid || getString(outs, "name") != "app" {
		t.Errorf("state %v", outs)
	}
	if calls := fake.Calls(false); calls[len(calls)-1] != "POST /v2/databases/"+cid+"/dbs" {
		t.Errorf("calls %v", calls)
	}
	resp, err := r.read(id, inputs, outs)
	if err != nil || resp.GetId() != id || getString(mustUnmarshal(t, resp.GetProperties()), "name") != "app" {
		t.Fatalf("read: %v %v", resp, err)
	}
	if err := r.delete(id, inputs, outs); err != nil {
		t.Fatal(err)
	}
	if fake.DB(cid, "app") {
		t.Error("not deleted")
	}
	r.requireGone(id, inputs, outs)
	err = r.delete(id, inputs, outs)
	if err == nil {
		t.Fatal("a delete of a missing database succeeded")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting Database DB: DELETE "+fake.URL+"/v2/databases/"+cid+"/dbs/app: 404")
}

func TestDbGoneWithItsCluster(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := dbResource(t, s)
	inputs, id, outs := r.mustCreate(dbInputs(cid))
	fake.Remove(cid)
	r.requireGone(id, inputs, outs)
}

func TestDbAutonamesAndEveryChangeReplaces(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := dbResource(t, s)
	auto, failures := r.check(nil, with(dbInputs(cid), "name", nil))
	if len(failures) != 0 || !regexp.MustCompile(`^app-db-[0-9a-f]{7}$`).MatchString(getString(auto, "name")) {
		t.Fatalf("autoname %q, failures %v", getString(auto, "name"), failures)
	}
	inputs, id, outs := r.mustCreate(dbInputs(cid))
	requireNoDiff(t, r.diff(id, inputs, outs, inputs))
	for key, value := range map[string]string{"name": "other", "clusterId": "9cc10173-e9ea-4176-9dbc-999999999999"} {
		news, _ := r.check(inputs, with(inputs, key, value))
		d := r.diff(id, inputs, outs, news)
		requireReplace(t, d, key)
		if !d.GetDeleteBeforeReplace() || d.GetDetailedDiff()[key].GetKind() != pulumirpc.PropertyDiff_UPDATE_REPLACE {
			t.Errorf("%s: a named database is deleted first: %v", key, d)
		}
		if _, err := r.update(id, inputs, outs, news); err == nil {
			t.Errorf("%s: updated in place", key)
		}
	}
}

func TestDbRefusals(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := dbResource(t, s)
	_, failures := r.check(nil, resource.PropertyMap{"name": resource.NewStringProperty(""), "size": resource.NewNumberProperty(1)})
	requireFailures(t, failures, "clusterId", "name", "size")
	containsAll(t, failures[0].GetReason()+failures[1].GetReason()+failures[2].GetReason(),
		`The argument "clusterId" is required`, "name must not be empty", `unknown property "size"`)
	// DigitalOcean's words for a database that exists already.
	inputs, _ := r.check(nil, with(dbInputs(cid), "name", "defaultdb"))
	_, _, err := r.create(t.Context(), inputs, false)
	if err == nil {
		t.Fatal("created defaultdb twice")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error creating Database DB: POST "+fake.URL+"/v2/databases/"+cid+"/dbs: 422", `database "defaultdb" is not available`)
}

func TestDbImportByClusterIdAndName(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := dbResource(t, s)
	resp, err := r.read(cid+",defaultdb", nil, resource.PropertyMap{})
	if err != nil {
		t.Fatal(err)
	}
	ins := mustUnmarshal(t, resp.GetInputs())
	if resp.GetId() != cid+"/database/defaultdb" || getString(ins, "clusterId") != cid || getString(ins, "name") != "defaultdb" {
		t.Errorf("import: %v %v", resp.GetId(), ins)
	}
}

func TestDbPreviewCallsNothing(t *testing.T) {
	s, fake := newTestProvider(t)
	r := dbResource(t, s)
	inputs, _ := r.check(nil, dbInputs("9cc10173-e9ea-4176-9dbc-000000000001"))
	id, outs, err := r.create(t.Context(), inputs, true)
	if err != nil || id != "" || len(fake.Requests()) != 0 || getString(outs, "name") != "app" {
		t.Errorf("preview: %q %v %v %v", id, outs, err, fake.Calls(true))
	}
}
