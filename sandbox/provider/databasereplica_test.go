package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
	"google.golang.org/protobuf/types/known/emptypb"
)

func replicaResource(t *testing.T, s *server) testResource {
	return testResource{t: t, s: s, token: replicaToken, name: "read-replica"}
}

func replicaInputs(clusterID string) resource.PropertyMap {
	return resource.PropertyMap{
		"clusterId": resource.NewStringProperty(clusterID), "name": resource.NewStringProperty("replica-1"),
		"region": resource.NewStringProperty("nyc1"), "size": resource.NewStringProperty("db-s-1vcpu-2gb"),
		"storageSizeMib": resource.NewStringProperty("20480"), "tags": strList([]string{"dbplane"}),
	}
}

func TestReplicaCreateWaitsUntilReadyAndKeepsThePassword(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	fake.GetsUntilOnline = 3
	fake.OmitPasswordOnGet = true // the create answer has the password, GETs do not
	r := replicaResource(t, s)
	_, id, outs := r.mustCreate(replicaInputs(cid))
	rp, _ := fake.Replica(cid, "replica-1")
	if id != cid+"/replicas/replica-1" || rp.Status != "active" {
		t.Fatalf("id %q (want <cluster>/replicas/<name>), status %s", id, rp.Status)
	}
	if n := count(fake.Calls(true), "GET /v2/databases/"+cid+"/replicas/replica-1"); n < 3+1 {
		t.Errorf("%d GETs: the forking answers must be waited out", n)
	}
	var post map[string]any
	for _, req := range fake.Requests() {
		if req.Method == http.MethodPost && req.Path == "/v2/databases/"+cid+"/replicas" {
			_ = json.Unmarshal([]byte(req.Body), &post)
		}
	}
	if post["name"] != "replica-1" || post["region"] != "nyc1" || post["size"] != "db-s-1vcpu-2gb" || post["storage_size_mib"] != 20480.0 {
		t.Errorf("create body %v", post)
	}
	admin, _ := fake.User(cid, "doadmin")
	for _, k := range []string{"password", "uri", "privateUri"} {
		if !outs[resource.PropertyKey(k)].IsSecret() {
			t.Errorf("%s is not secret", k)
		}
	}
	if stringOf(t, outs, "password") != admin.Password || getString(outs, "uuid") != rp.ID || getString(outs, "host") != rp.Connection.Host ||
		getString(outs, "user") != "doadmin" || getString(outs, "database") != "defaultdb" || getString(outs, "storageSizeMib") != "20480" ||
		getString(outs, "privateNetworkUuid") == "" || strings.Join(getStrings(outs, "tags"), ",") != "dbplane" {
		t.Errorf("state %v", outs)
	}
	containsAll(t, stringOf(t, outs, "uri"), "postgresql://doadmin:"+admin.Password+"@"+rp.Connection.Host)
	containsAll(t, stringOf(t, outs, "privateUri"), ":"+admin.Password+"@")
	for _, p := range replicaSchema.Properties {
		if _, has := outs[resource.PropertyKey(p.Name)]; p.RequiredOutput && !has {
			t.Errorf("output %s missing", p.Name)
		}
	}
}

// The official provider waits for "online"; DigitalOcean documents "active". Both are ready.
func TestReplicaOnlineIsReadyToo(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "mysql")
	fake.ReplicaReadyStatus = "online"
	fake.GetsUntilOnline = 1
	_, _, outs := replicaResource(t, s).mustCreate(replicaInputs(cid))
	if getString(outs, "uuid") == "" {
		t.Errorf("state %v", outs)
	}
}

func TestReplicaCreateRetriesWhileTheClusterIsNotReadyForIt(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	fake.Fail(http.MethodPost, "/v2/databases/"+cid+"/replicas", http.StatusPreconditionFailed, "the cluster's first backup is not ready", 2)
	replicaResource(t, s).mustCreate(replicaInputs(cid))
	if n := count(fake.Calls(false), "POST /v2/databases/"+cid+"/replicas"); n != 3 {
		t.Errorf("%d POSTs, want two refused then one that works", n)
	}
}

func TestReplicaResizeInPlace(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := replicaResource(t, s)
	inputs, id, outs := r.mustCreate(replicaInputs(cid))
	fake.GetsUntilOnline = 2
	news, _ := r.check(inputs, with(inputs, "size", "db-s-2vcpu-4gb", "storageSizeMib", "30720"))
	d := r.diff(id, inputs, outs, news)
	if strings.Join(d.GetDiffs(), ",") != "size,storageSizeMib" || len(d.GetReplaces()) != 0 {
		t.Fatalf("diff %v", d)
	}
	base := len(fake.Requests())
	got, err := r.update(id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	resize := fake.Requests()[base]
	if resize.String() != "PUT /v2/databases/"+getString(outs, "uuid")+"/resize" {
		t.Fatalf("calls %v", fake.Calls(true)[base:])
	}
	containsAll(t, resize.Body, `"size":"db-s-2vcpu-4gb"`, `"num_nodes":1`, `"storage_size_mib":30720`)
	rp, _ := fake.Replica(cid, "replica-1")
	if rp.Status != "active" || getString(got, "size") != "db-s-2vcpu-4gb" || getString(got, "storageSizeMib") != "30720" ||
		stringOf(t, got, "password") != stringOf(t, outs, "password") || !got["password"].IsSecret() {
		t.Errorf("after resize: status %s, state %v", rp.Status, got)
	}
}

func TestReplicaDiffReplacesAndLeavesDigitalOceansValues(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := replicaResource(t, s)
	inputs, id, outs := r.mustCreate(replicaInputs(cid))
	for key, value := range map[string]any{"name": "replica-2", "clusterId": "9cc10173-e9ea-4176-9dbc-999999999999", "region": "fra1",
		"privateNetworkUuid": "0f7bcd1b-0000-0000-0000-000000000000", "tags": strList([]string{"dbplane", "more"})} {
		news, _ := r.check(inputs, with(inputs, key, value))
		d := r.diff(id, inputs, outs, news)
		requireReplace(t, d, key)
		if !d.GetDeleteBeforeReplace() {
			t.Errorf("%s: the program named the replica: delete first", key)
		}
	}
	// Region case, tag case, and inputs DigitalOcean fills in when unset, are no change.
	same, _ := r.check(inputs, with(inputs, "region", "NYC1", "tags", strList([]string{"DBPLANE"}), "size", nil, "storageSizeMib", nil))
	requireNoDiff(t, r.diff(id, inputs, outs, same))
}

func TestReplicaRefreshShowsDriftAndNoticesItGone(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := replicaResource(t, s)
	inputs, id, outs := r.mustCreate(replicaInputs(cid))
	fake.OmitPasswordOnGet = true
	fake.MutateReplica(cid, "replica-1", func(rp *godo.DatabaseReplica) { rp.Size = "db-s-4vcpu-8gb" })
	resp, err := r.read(id, inputs, outs)
	if err != nil {
		t.Fatal(err)
	}
	ins, state := mustUnmarshal(t, resp.GetInputs()), mustUnmarshal(t, resp.GetProperties())
	if getString(ins, "size") != "db-s-4vcpu-8gb" || getString(state, "size") != "db-s-4vcpu-8gb" ||
		stringOf(t, state, "password") != stringOf(t, outs, "password") {
		t.Errorf("drift not shown or password lost: %v %v", ins, state)
	}
	if d := r.diff(id, ins, state, inputs); strings.Join(d.GetDiffs(), ",") != "size" || len(d.GetReplaces()) != 0 {
		t.Errorf("diff after drift: %v", d)
	}
	// An import by "clusterId,name".
	if resp, err := r.read(cid+",replica-1", nil, resource.PropertyMap{}); err != nil || resp.GetId() != id {
		t.Errorf("import: %v %v", resp, err)
	}
	fake.RemoveChild(cid, "replicas", "replica-1")
	r.requireGone(id, inputs, outs)
	err = r.delete(id, inputs, outs)
	if err == nil {
		t.Fatal("a delete of a missing replica succeeded")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting DatabaseReplica: DELETE "+fake.URL+"/v2/databases/"+cid+"/replicas/replica-1: 404")
}

func TestReplicaCancelledWaitIsAPartialCreateThatUpdateFinishes(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	fake.GetsUntilOnline = 1 << 30 // never ready
	r := replicaResource(t, s)
	inputs, _ := r.check(nil, replicaInputs(cid))
	go func() {
		for count(fake.Calls(true), "GET /v2/databases/"+cid+"/replicas/replica-1") < 2 {
			time.Sleep(5 * time.Millisecond)
		}
		_, _ = s.Cancel(context.Background(), &emptypb.Empty{})
	}()
	_, _, err := r.create(context.Background(), inputs, false)
	f := initFailed(t, err)
	props := mustUnmarshal(t, f.GetProperties())
	admin, _ := fake.User(cid, "doadmin")
	if f.GetId() != cid+"/replicas/replica-1" || stringOf(t, props, "password") != admin.Password || !props["password"].IsSecret() {
		t.Errorf("partial create: %q %v", f.GetId(), props)
	}
	containsAll(t, strings.Join(f.GetReasons(), " "), "cancelled", "forking")

	// The next up (a new provider process) calls Update with the same inputs: it waits for the replica.
	s2 := newServer()
	configure(t, s2, resource.PropertyMap{"token": resource.NewStringProperty(testToken), "apiEndpoint": resource.NewStringProperty(fake.URL)})
	fake.SetReplicaGetsUntilReady(cid, "replica-1", 2)
	got, err := replicaResource(t, s2).update(f.GetId(), inputs, props, inputs)
	if err != nil {
		t.Fatal(err)
	}
	if rp, _ := fake.Replica(cid, "replica-1"); rp.Status != "active" || getString(got, "host") == "" {
		t.Errorf("not waited for: %s %v", rp.Status, got)
	}
}

func TestReplicaRefusals(t *testing.T) {
	s, fake := newTestProvider(t)
	r := replicaResource(t, s)
	_, failures := r.check(nil, resource.PropertyMap{"tags": strList([]string{"has space"}), "storageSizeMib": resource.NewStringProperty("20GiB"),
		"privateNetworkUuid": resource.NewStringProperty("")})
	requireFailures(t, failures, "clusterId", "tags[0]", "storageSizeMib", "privateNetworkUuid")
	cid := newCluster(t, s, "valkey")
	inputs, _ := r.check(nil, replicaInputs(cid))
	_, _, err := r.create(t.Context(), inputs, false)
	if err == nil {
		t.Fatal("a replica of a Valkey cluster")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error creating DatabaseReplica: POST "+fake.URL+"/v2/databases/"+cid+"/replicas: 422",
		"only supported for PostgreSQL and MySQL")
}
