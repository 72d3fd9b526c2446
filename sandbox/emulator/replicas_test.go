package emulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/digitalocean/godo"
)

func TestReplicas(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock), withDelays(time.Minute, 0))
	req := pgRequest("primary")
	req.SizeSlug = "db-s-1vcpu-2gb"
	db := e.create(req)
	create := func(r godo.DatabaseCreateReplicaRequest) (*godo.DatabaseReplica, error) {
		rp, _, err := e.client.Databases.CreateReplica(ctx, db.ID, &r)
		return rp, err
	}
	_, err := create(godo.DatabaseCreateReplicaRequest{Name: "read-1", Size: "db-s-1vcpu-2gb"})
	apiErr(t, err, 422, "the database cluster is creating")
	clock.Advance(time.Minute)

	rp, err := create(godo.DatabaseCreateReplicaRequest{Name: "read-1", Size: "db-s-2vcpu-4gb", Tags: []string{"reads"}})
	if err != nil {
		t.Fatal(err)
	}
	if !uuidRE.MatchString(rp.ID) || rp.Name != "read-1" || rp.Status != "forking" || rp.Region != "nyc3" || rp.Size != "db-s-2vcpu-4gb" ||
		rp.PrivateNetworkUUID != defaultVPC("nyc3") || rp.StorageSizeMib != 61440 || len(rp.Tags) != 1 || !rp.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("replica %+v", rp)
	}
	c := rp.Connection
	if c.Host != "read-1-do-user-1-0.b.db.ondigitalocean.com" || c.Port != 25060 || c.User != "doadmin" || c.Password != db.Connection.Password ||
		c.Database != "defaultdb" || rp.PrivateConnection.Host != "private-"+c.Host {
		t.Fatalf("connection %+v private %+v", c, rp.PrivateConnection)
	}
	got, _, err := e.client.Databases.GetReplica(ctx, db.ID, "read-1")
	if err != nil || got.Status != "forking" {
		t.Fatalf("get %+v %v", got, err)
	}
	clock.Advance(time.Minute)
	if got, _, _ := e.client.Databases.GetReplica(ctx, db.ID, "read-1"); got.Status != "active" {
		t.Fatalf("after the create delay: %q", got.Status)
	}

	other, err := create(godo.DatabaseCreateReplicaRequest{
		Name: "read-2", Region: "fra1", Size: "db-s-1vcpu-2gb", PrivateNetworkUUID: "d455e75d-4858-4eec-8c95-da2f0a5f93a7", StorageSizeMib: 40960,
	})
	if err != nil || other.Region != "fra1" || other.PrivateNetworkUUID != "d455e75d-4858-4eec-8c95-da2f0a5f93a7" || other.StorageSizeMib != 40960 {
		t.Fatalf("replica %+v %v", other, err)
	}
	list, _, err := e.client.Databases.ListReplicas(ctx, db.ID, nil)
	if err != nil || len(list) != 2 || list[0].Name != "read-1" || list[1].Name != "read-2" {
		t.Fatalf("list %+v %v", list, err)
	}

	refusals := []struct {
		req  godo.DatabaseCreateReplicaRequest
		want string
	}{
		{godo.DatabaseCreateReplicaRequest{Name: "read-1", Size: "db-s-1vcpu-2gb"}, `name "read-1" is not available`},
		{godo.DatabaseCreateReplicaRequest{Name: "primary", Size: "db-s-1vcpu-2gb"}, `name "primary" is not available`},
		{godo.DatabaseCreateReplicaRequest{Name: "Read", Size: "db-s-1vcpu-2gb"}, "must start with a lowercase letter"},
		{godo.DatabaseCreateReplicaRequest{Name: "small", Size: "db-s-1vcpu-1gb"}, "smaller than the cluster's node size db-s-1vcpu-2gb"},
		{godo.DatabaseCreateReplicaRequest{Name: "nosize"}, "size is required"},
		{godo.DatabaseCreateReplicaRequest{Name: "odd", Size: "m-2vcpu-16gb"}, "not available for engine pg"},
		{godo.DatabaseCreateReplicaRequest{Name: "far", Size: "db-s-1vcpu-2gb", Region: "mars1"}, `region "mars1" is invalid`},
		{godo.DatabaseCreateReplicaRequest{Name: "vpc", Size: "db-s-1vcpu-2gb", PrivateNetworkUUID: "vpc-1"}, "not a valid UUID"},
		{godo.DatabaseCreateReplicaRequest{Name: "disk", Size: "db-s-1vcpu-2gb", StorageSizeMib: 1024}, "out of range"},
	}
	for _, rf := range refusals {
		_, err := create(rf.req)
		apiErr(t, err, 422, rf.want)
	}
	// A replica's name is a cluster name: no new cluster can take it.
	_, _, err = e.client.Databases.Create(ctx, pgRequest("read-2"))
	apiErr(t, err, 422, `name "read-2" is not available`)

	resp, err := e.client.Databases.DeleteReplica(ctx, db.ID, "read-2")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %v %v", resp, err)
	}
	_, _, err = e.client.Databases.GetReplica(ctx, db.ID, "read-2")
	apiErr(t, err, 404, "could not be found")
	_, err = create(godo.DatabaseCreateReplicaRequest{Name: "read-2", Size: "db-s-1vcpu-2gb"})
	apiErr(t, err, 422, "had it less than")

	// Deleting the cluster deletes its replicas, and holds their names.
	if _, err := e.client.Databases.Delete(ctx, db.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = e.client.Databases.ListReplicas(ctx, db.ID, nil)
	apiErr(t, err, 404, "could not be found")
	_, _, err = e.client.Databases.Create(ctx, pgRequest("read-1"))
	apiErr(t, err, 422, "not available")

	// MySQL clusters have replicas too; caching clusters do not.
	mreq := pgRequest("mysql-primary")
	mreq.EngineSlug, mreq.Version = "mysql", "8"
	m := e.create(mreq)
	clock.Advance(time.Minute)
	mr, _, err := e.client.Databases.CreateReplica(ctx, m.ID, &godo.DatabaseCreateReplicaRequest{Name: "mysql-read", Size: "db-s-1vcpu-1gb"})
	if err != nil || mr.Connection.Port != 25060 || mr.Connection.URI == "" || mr.Connection.User != "doadmin" {
		t.Fatalf("mysql replica %+v %v", mr, err)
	}
	redis := e.create(&godo.DatabaseCreateRequest{Name: "cache-1", EngineSlug: "redis", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	_, _, err = e.client.Databases.CreateReplica(ctx, redis.ID, &godo.DatabaseCreateReplicaRequest{Name: "cache-read", Size: "db-s-1vcpu-1gb"})
	apiErr(t, err, 422, "read-only replicas are only supported for pg and mysql clusters, not redis")
}

// The sub-resources sit behind the same authentication, faults and request log as the rest.
func TestSubresourcesBehindAuthFaultsAndLog(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("guarded-subs"))
	for _, sub := range []string{"dbs", "users", "pools", "firewall", "replicas"} {
		r, body := e.do("GET", "/v2/databases/"+db.ID+"/"+sub, nil, "")
		if r.StatusCode != 401 || r.Header.Get("ratelimit-limit") == "" {
			t.Fatalf("%s without a token: %d %s", sub, r.StatusCode, body)
		}
		var er apiError
		mustUnmarshal(t, body, &er)
		if er.ID != "Unauthorized" || er.RequestID != r.Header.Get("x-request-id") {
			t.Fatalf("%s: %s", sub, body)
		}
	}
	e.control("DELETE", "/requests", nil, 204)
	e.control("POST", "/faults", map[string]any{"method": "POST", "path": "/v2/databases/" + db.ID + "/users", "status": 503}, 201)
	_, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"})
	apiErr(t, err, 503, "temporarily unavailable")
	if _, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"}); err != nil {
		t.Fatalf("the fault applied once only: %v", err)
	}
	if got := statuses(e.requests(), "POST", "/v2/databases/"+db.ID+"/users"); !equalInts(got, []int{503, 201}) {
		t.Fatalf("request log %v", got)
	}
	for _, sub := range []string{"dbs/x", "users/x", "pools/x", "replicas/x"} {
		r, body := e.do("GET", "/v2/databases/"+db.ID+"/"+sub, nil, testToken)
		var er apiError
		mustUnmarshal(t, body, &er)
		if r.StatusCode != 404 || er.ID != "not_found" || er.RequestID == "" {
			t.Fatalf("%s: %d %s", sub, r.StatusCode, body)
		}
	}
}

// A replica is resized as DigitalOcean has it: a cluster resize of the replica's uuid, one node.
func TestReplicaResize(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, withClock(clock), withDelays(time.Minute, time.Minute))
	req := pgRequest("resized-primary")
	req.SizeSlug = "db-s-1vcpu-2gb"
	db := e.create(req)
	clock.Advance(time.Minute)
	rp, _, err := e.client.Databases.CreateReplica(ctx, db.ID, &godo.DatabaseCreateReplicaRequest{Name: "resized-read", Size: "db-s-2vcpu-4gb"})
	if err != nil {
		t.Fatal(err)
	}
	resize := func(size string, nodes int, storage uint64) error {
		_, err := e.client.Databases.Resize(ctx, rp.ID, &godo.DatabaseResizeRequest{SizeSlug: size, NumNodes: nodes, StorageSizeMib: storage})
		return err
	}
	apiErr(t, resize("db-s-4vcpu-8gb", 1, 0), 422, "the read-only replica is forking")
	clock.Advance(time.Minute)

	refusals := []struct {
		size    string
		nodes   int
		storage uint64
		want    string
	}{
		{"db-s-4vcpu-8gb", 2, 0, "num_nodes 2 is invalid for a read-only replica"},
		{"db-s-1vcpu-2gb", 1, 0, "smaller than the replica's node size db-s-2vcpu-4gb"},
		{"db-s-1vcpu-1gb", 1, 0, "smaller than the cluster's node size db-s-1vcpu-2gb"},
		{"db-s-4vcpu-8gb", 1, 1024, "out of range"},
		{"", 1, 0, "size is required"},
	}
	for _, rf := range refusals {
		apiErr(t, resize(rf.size, rf.nodes, rf.storage), 422, rf.want)
	}

	resp, err := e.client.Databases.Resize(ctx, rp.ID, &godo.DatabaseResizeRequest{SizeSlug: "db-s-4vcpu-8gb", NumNodes: 1})
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("resize: %v %v", resp, err)
	}
	got, _, err := e.client.Databases.GetReplica(ctx, db.ID, "resized-read")
	// Without storage_size_mib the replica keeps its storage, at least the new size's base.
	if err != nil || got.Status != "resizing" || got.Size != "db-s-4vcpu-8gb" || got.StorageSizeMib != 143360 {
		t.Fatalf("while resizing %+v %v", got, err)
	}
	apiErr(t, resize("db-s-6vcpu-16gb", 1, 0), 422, "the read-only replica is resizing")
	clock.Advance(time.Minute)
	if got, _, _ := e.client.Databases.GetReplica(ctx, db.ID, "resized-read"); got.Status != "active" {
		t.Fatalf("after the resize delay: %q", got.Status)
	}
	if err := resize("db-s-4vcpu-8gb", 1, 200*1024); err != nil {
		t.Fatalf("storage only: %v", err)
	}
	if got, _, _ := e.client.Databases.GetReplica(ctx, db.ID, "resized-read"); got.StorageSizeMib != 200*1024 {
		t.Fatalf("storage %d", got.StorageSizeMib)
	}
	// The primary is untouched; an unknown uuid is a 404.
	if p := e.get(db.ID); p.SizeSlug != "db-s-1vcpu-2gb" || p.NumNodes != 1 || p.Status != "online" {
		t.Fatalf("primary %+v", p)
	}
	_, err = e.client.Databases.Resize(ctx, "00000000-0000-4000-8000-000000000000", &godo.DatabaseResizeRequest{SizeSlug: "db-s-4vcpu-8gb", NumNodes: 1})
	apiErr(t, err, 404, "could not be found")
}
