package main

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
)

func poolResource(t *testing.T, s *server) testResource {
	return testResource{t: t, s: s, token: poolToken, name: "app-pool"}
}

func poolInputs(clusterID string) resource.PropertyMap {
	return resource.PropertyMap{
		"clusterId": resource.NewStringProperty(clusterID), "name": resource.NewStringProperty("app-pool"),
		"mode": resource.NewStringProperty("transaction"), "size": resource.NewNumberProperty(10),
		"dbName": resource.NewStringProperty("defaultdb"), "user": resource.NewStringProperty("doadmin"),
	}
}

func TestPoolCreateReadDeleteAndRefreshAfterDeletion(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	fake.OmitPasswordOnGet = true // the create answer has the password, GETs do not
	r := poolResource(t, s)
	inputs, id, outs := r.mustCreate(poolInputs(cid))
	p, ok := fake.Pool(cid, "app-pool")
	if id != cid+"/app-pool" || !ok {
		t.Fatalf("id %q (want <cluster>/<name>), created %v", id, ok)
	}
	admin, _ := fake.User(cid, "doadmin")
	for _, k := range []string{"password", "uri", "privateUri"} {
		if !outs[resource.PropertyKey(k)].IsSecret() {
			t.Errorf("%s is not secret", k)
		}
	}
	if stringOf(t, outs, "password") != admin.Password || getString(outs, "host") != p.Connection.Host ||
		getString(outs, "port") != "25060" || getString(outs, "privateHost") != p.PrivateConnection.Host ||
		getString(outs, "mode") != "transaction" || getString(outs, "size") != "10" || getString(outs, "dbName") != "defaultdb" {
		t.Errorf("state %v", outs)
	}
	containsAll(t, stringOf(t, outs, "uri"), "postgresql://doadmin:"+admin.Password+"@"+p.Connection.Host+":25060/app-pool")
	containsAll(t, stringOf(t, outs, "privateUri"), ":"+admin.Password+"@private-")
	for _, prop := range poolSchema.Properties {
		if _, has := outs[resource.PropertyKey(prop.Name)]; prop.RequiredOutput && !has {
			t.Errorf("output %s missing", prop.Name)
		}
	}
	resp, err := r.read(id, inputs, outs)
	if err != nil || resp.GetId() != id || stringOf(t, mustUnmarshal(t, resp.GetProperties()), "password") != admin.Password {
		t.Fatalf("read: %v %v", resp, err)
	}
	requireNoDiff(t, r.diff(id, mustUnmarshal(t, resp.GetInputs()), mustUnmarshal(t, resp.GetProperties()), inputs))
	if err := r.delete(id, inputs, outs); err != nil {
		t.Fatal(err)
	}
	r.requireGone(id, inputs, outs)
	err = r.delete(id, inputs, outs)
	if err == nil {
		t.Fatal("a delete of a missing pool succeeded")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting DatabaseConnectionPool: DELETE "+fake.URL+"/v2/databases/"+cid+"/pools/app-pool: 404")
}

// The official provider makes every pool attribute ForceNew.
func TestPoolEveryChangeReplaces(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := poolResource(t, s)
	inputs, id, outs := r.mustCreate(poolInputs(cid))
	requireNoDiff(t, r.diff(id, inputs, outs, with(inputs, "size", "10")))
	for key, value := range map[string]any{"mode": "session", "size": 20.0, "dbName": "other", "user": "app",
		"name": "other-pool", "clusterId": "9cc10173-e9ea-4176-9dbc-999999999999"} {
		news, failures := r.check(inputs, with(inputs, key, value))
		if len(failures) > 0 {
			t.Fatalf("%s: %v", key, failures)
		}
		d := r.diff(id, inputs, outs, news)
		requireReplace(t, d, key)
		if !d.GetDeleteBeforeReplace() {
			t.Errorf("%s: the program named the pool: delete first", key)
		}
		if _, err := r.update(id, inputs, outs, news); err == nil {
			t.Errorf("%s: updated in place", key)
		}
	}
	news, _ := r.check(inputs, with(inputs, "user", nil))
	requireReplace(t, r.diff(id, inputs, outs, news), "user")
}

func TestPoolRefusals(t *testing.T) {
	s, fake := newTestProvider(t)
	r := poolResource(t, s)
	_, failures := r.check(nil, resource.PropertyMap{"name": resource.NewStringProperty("ab")})
	requireFailures(t, failures, "clusterId", "dbName", "mode", "size", "name")
	_, failures = r.check(nil, with(poolInputs("c"), "mode", "bogus", "size", 0.0))
	requireFailures(t, failures, "mode", "size")
	for _, f := range failures {
		if f.GetProperty() == "mode" {
			containsAll(t, f.GetReason(), `expected mode to be one of ["session" "transaction" "statement"], got bogus`)
		}
	}
	// DigitalOcean's words: pools are PostgreSQL's.
	cid := newCluster(t, s, "mysql")
	inputs, _ := r.check(nil, poolInputs(cid))
	_, _, err := r.create(t.Context(), inputs, false)
	if err == nil {
		t.Fatal("a pool on a MySQL cluster")
	}
	msg := rpcerror.Convert(err).Message()
	containsAll(t, msg, "Error creating DatabaseConnectionPool: POST "+fake.URL+"/v2/databases/"+cid+"/pools: 422",
		"only supported for PostgreSQL")
	if strings.Contains(msg, testToken) {
		t.Errorf("the token shows: %s", msg)
	}
}
