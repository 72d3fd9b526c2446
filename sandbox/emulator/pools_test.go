package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
)

func TestConnectionPools(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("pooled")) // db-s-1vcpu-1gb: 25 - 3 = 22 backend connections
	if _, _, err := e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: "orders"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"}); err != nil {
		t.Fatal(err)
	}
	create := func(name, mode string, size int, database, user string) (*godo.DatabasePool, error) {
		p, _, err := e.client.Databases.CreatePool(ctx, db.ID, &godo.DatabaseCreatePoolRequest{Name: name, Mode: mode, Size: size, Database: database, User: user})
		return p, err
	}

	p, err := create("backend", "transaction", 10, "defaultdb", "doadmin")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "backend" || p.Mode != "transaction" || p.Size != 10 || p.Database != "defaultdb" || p.User != "doadmin" {
		t.Fatalf("pool %+v", p)
	}
	c := p.Connection
	if c.Host != db.Connection.Host || c.Port != 25061 || c.Database != "backend" || c.User != "doadmin" || c.Password != db.Connection.Password || !c.SSL ||
		c.URI != "postgresql://doadmin:"+c.Password+"@"+c.Host+":25061/backend?sslmode=require" {
		t.Fatalf("connection %+v", c)
	}
	if p.PrivateConnection == nil || p.PrivateConnection.Host != "private-"+c.Host || p.StandbyConnection != nil {
		t.Fatalf("private %+v standby %+v", p.PrivateConnection, p.StandbyConnection)
	}
	got, _, err := e.client.Databases.GetPool(ctx, db.ID, "backend")
	if err != nil || got.Connection.URI != c.URI {
		t.Fatalf("get %+v %v", got, err)
	}

	// Without a user, sessions connect as the inbound user; the connection shows the default user.
	inbound, err := create("inbound", "session", 2, "orders", "")
	if err != nil || inbound.User != "" || inbound.Connection.User != "doadmin" {
		t.Fatalf("inbound %+v %v", inbound, err)
	}

	// The cluster's pools share its 22 backend connections.
	_, err = create("big", "statement", 11, "orders", "app")
	apiErr(t, err, 422, "size 11 is too large: the cluster's pools would use 23 backend connections, and its size db-s-1vcpu-1gb allows 22")
	if _, err := create("fits", "statement", 10, "orders", "app"); err != nil {
		t.Fatal(err)
	}
	pools, _, err := e.client.Databases.ListPools(ctx, db.ID, nil)
	if err != nil || len(pools) != 3 || pools[2].Name != "fits" || pools[2].Connection.User != "app" {
		t.Fatalf("list %+v %v", pools, err)
	}

	refusals := []struct {
		req  godo.DatabaseCreatePoolRequest
		want string
	}{
		{godo.DatabaseCreatePoolRequest{Name: "backend", Mode: "session", Size: 1, Database: "orders"}, `a connection pool "backend" already`},
		{godo.DatabaseCreatePoolRequest{Name: "ab", Mode: "session", Size: 1, Database: "orders"}, "3 to 60 characters"},
		{godo.DatabaseCreatePoolRequest{Name: "mode", Mode: "batch", Size: 1, Database: "orders"}, `mode "batch" is invalid`},
		{godo.DatabaseCreatePoolRequest{Name: "zero", Mode: "session", Size: 0, Database: "orders"}, "size 0 is invalid"},
		{godo.DatabaseCreatePoolRequest{Name: "nodb", Mode: "session", Size: 1}, "db is required"},
		{godo.DatabaseCreatePoolRequest{Name: "baddb", Mode: "session", Size: 1, Database: "nope"}, `db "nope": the cluster has no such database`},
		{godo.DatabaseCreatePoolRequest{Name: "baduser", Mode: "session", Size: 1, Database: "orders", User: "nobody"}, `user "nobody": the cluster has no such user`},
	}
	for _, rf := range refusals {
		_, _, err := e.client.Databases.CreatePool(ctx, db.ID, &rf.req)
		apiErr(t, err, 422, rf.want)
	}

	// A user or database a pool uses stays.
	_, err = e.client.Databases.DeleteUser(ctx, db.ID, "app")
	apiErr(t, err, 422, `connection pool "fits"`)
	_, err = e.client.Databases.DeleteDB(ctx, db.ID, "orders")
	apiErr(t, err, 422, "connection pool")

	// An update sets mode, size, db and user; the pool's own connections are not counted twice.
	update := func(name string, req godo.DatabaseUpdatePoolRequest) error {
		_, err := e.client.Databases.UpdatePool(ctx, db.ID, name, &req)
		return err
	}
	apiErr(t, update("backend", godo.DatabaseUpdatePoolRequest{Mode: "session", Size: 11, Database: "defaultdb"}), 422, "too large")
	if err := update("fits", godo.DatabaseUpdatePoolRequest{Mode: "session", Size: 3, Database: "defaultdb", User: "doadmin"}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := e.client.Databases.GetPool(ctx, db.ID, "fits"); got.Mode != "session" || got.Size != 3 || got.Database != "defaultdb" || got.User != "doadmin" {
		t.Fatalf("after update %+v", got)
	}
	apiErr(t, update("fits", godo.DatabaseUpdatePoolRequest{Mode: "session", Size: 3, Database: "gone"}), 422, "no such database")
	apiErr(t, update("none", godo.DatabaseUpdatePoolRequest{Mode: "session", Size: 3, Database: "defaultdb"}), 404, "could not be found")
	if r, body := e.do("PUT", "/v2/databases/"+db.ID+"/pools/fits", map[string]any{"mode": "session", "size": 4, "db": "defaultdb"}, testToken); r.StatusCode != http.StatusNoContent {
		t.Fatalf("raw update: %d %s", r.StatusCode, body)
	}

	resp, err := e.client.Databases.DeletePool(ctx, db.ID, "fits")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %v %v", resp, err)
	}
	_, _, err = e.client.Databases.GetPool(ctx, db.ID, "fits")
	apiErr(t, err, 404, "could not be found")
	if _, err := e.client.Databases.DeleteUser(ctx, db.ID, "app"); err != nil {
		t.Fatalf("the user is free once its pool is gone: %v", err)
	}

	// A larger size has room for more; a cluster with standby nodes has standby connections.
	if _, err := e.client.Databases.Resize(ctx, db.ID, &godo.DatabaseResizeRequest{SizeSlug: "db-s-2vcpu-4gb", NumNodes: 2}); err != nil {
		t.Fatal(err)
	}
	big, err := create("big", "transaction", 85, "orders", "") // 97 - 12
	if err != nil || big.StandbyConnection == nil || !strings.HasPrefix(big.StandbyConnection.Host, "replica-") {
		t.Fatalf("big %+v %v", big, err)
	}

	mysql := pgRequest("no-pools")
	mysql.EngineSlug, mysql.Version = "mysql", "8"
	m := e.create(mysql)
	_, _, err = e.client.Databases.ListPools(ctx, m.ID, nil)
	apiErr(t, err, 422, "connection pools are only supported for pg clusters, not mysql")
}
