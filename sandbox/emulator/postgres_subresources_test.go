package emulator

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// uriFor is a cluster connection's URI with another user, password and database.
func uriFor(t *testing.T, c *godo.DatabaseConnection, user, password, database string) string {
	t.Helper()
	u, err := url.Parse(c.URI)
	if err != nil {
		t.Fatal(err)
	}
	u.User, u.Path = url.UserPassword(user, password), "/"+database
	return u.String()
}

// connectAs connects and says who and where the session is.
func connectAs(t *testing.T, uri string) (*pgx.Conn, string, string, error) {
	t.Helper()
	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, uri)
	if err != nil {
		return nil, "", "", err
	}
	var user, database string
	if err := conn.QueryRow(cctx, "select current_user, current_database()").Scan(&user, &database); err != nil {
		conn.Close(ctx)
		return nil, "", "", err
	}
	return conn, user, database, nil
}

func mustConnectAs(t *testing.T, uri, wantUser, wantDB string) *pgx.Conn {
	t.Helper()
	conn, user, database, err := connectAs(t, uri)
	if err != nil {
		t.Fatalf("connecting as %s to %s: %v", wantUser, wantDB, err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	if user != wantUser || database != wantDB {
		t.Fatalf("connected as %s to %s, want %s to %s", user, database, wantUser, wantDB)
	}
	return conn
}

func refusedLogin(t *testing.T, uri, why string) {
	t.Helper()
	if conn, _, _, err := connectAs(t, uri); err == nil {
		conn.Close(ctx)
		t.Fatalf("connected although %s", why)
	}
}

// TestPostgresBackedSubresources: a backed pg cluster's databases, users, pools and replicas are
// real at the PostgreSQL server behind it.
func TestPostgresBackedSubresources(t *testing.T) {
	backing, admin := startBacking(t)
	e := newEnv(t, withBackend(backing.Backend))
	db := e.create(pgRequest("backed-subs"))
	primary := db.Connection
	adminUser, defaultDB := primary.User, primary.Database

	// A database is a real database, owned by the default user, reachable by the cluster's roles.
	if _, _, err := e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: "orders"}); err != nil {
		t.Fatal(err)
	}
	if !dbExists(t, admin, "orders") || pgCount(t, admin, "select count(*) from pg_database d join pg_roles r on r.oid = d.datdba where datname = 'orders' and rolname = $1", adminUser) != 1 {
		t.Fatal("orders is not a database owned by the default user")
	}
	if list, _, _ := e.client.Databases.ListDBs(ctx, db.ID, nil); strings.Join(dbNames(list), ",") != defaultDB+",orders" {
		t.Fatalf("dbs %v", dbNames(list))
	}
	mustConnectAs(t, uriFor(t, primary, adminUser, primary.Password, "orders"), adminUser, "orders")
	_, err := e.client.Databases.DeleteDB(ctx, db.ID, defaultDB)
	apiErr(t, err, 422, "default database")

	// A user is a login role with its password.
	app, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"})
	if err != nil {
		t.Fatal(err)
	}
	appConn := mustConnectAs(t, uriFor(t, primary, "app", app.Password, defaultDB), "app", defaultDB)
	mustConnectAs(t, uriFor(t, primary, "app", app.Password, "orders"), "app", "orders")
	refusedLogin(t, uriFor(t, primary, "app", "wrong-password", defaultDB), "the password is wrong")

	// After reset_auth the old password is refused and the new one works; open sessions go on.
	reset, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "app", &godo.DatabaseResetUserAuthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	refusedLogin(t, uriFor(t, primary, "app", app.Password, defaultDB), "the password was reset")
	mustConnectAs(t, uriFor(t, primary, "app", reset.Password, defaultDB), "app", defaultDB)
	if err := appConn.Ping(ctx); err != nil {
		t.Fatalf("reset_auth ended an open session: %v", err)
	}
	// So for the default user, whose password is the cluster's.
	newAdmin, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, adminUser, &godo.DatabaseResetUserAuthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	refusedLogin(t, primary.URI, "the default user's password was reset")
	primary = e.get(db.ID).Connection
	if primary.Password != newAdmin.Password {
		t.Fatal("the cluster's connection kept the old password")
	}
	adminConn := mustConnectAs(t, primary.URI, adminUser, defaultDB)

	// Another cluster's roles cannot reach this cluster's databases; names are the server's, shared.
	other := e.create(pgRequest("backed-subs-two"))
	refusedLogin(t, uriFor(t, other.Connection, other.Connection.User, other.Connection.Password, "orders"), "orders belongs to another cluster")
	_, _, err = e.client.Databases.CreateUser(ctx, other.ID, &godo.DatabaseCreateUserRequest{Name: "app"})
	apiErr(t, err, 422, `role "app": the name is taken on the emulator's PostgreSQL server`)
	_, _, err = e.client.Databases.CreateDB(ctx, other.ID, &godo.DatabaseCreateDBRequest{Name: "orders"})
	apiErr(t, err, 422, `database "orders": the name is taken`)
	if users, _, _ := e.client.Databases.ListUsers(ctx, other.ID, nil); len(users) != 1 {
		t.Fatalf("a refused user was recorded: %+v", users)
	}

	// A pool's URI connects to its database as its user, and follows a password reset.
	pool, _, err := e.client.Databases.CreatePool(ctx, db.ID, &godo.DatabaseCreatePoolRequest{Name: "orders-pool", Mode: "transaction", Size: 5, Database: "orders", User: "app"})
	if err != nil {
		t.Fatal(err)
	}
	pc := pool.Connection
	if pc.Host != "127.0.0.1" || pc.Port != backing.local.Port || pc.Database != "orders" || pc.User != "app" || pc.Password != reset.Password || pc.SSL {
		t.Fatalf("pool connection %+v", pc)
	}
	mustConnectAs(t, pc.URI, "app", "orders")
	again, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "app", &godo.DatabaseResetUserAuthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := e.client.Databases.GetPool(ctx, db.ID, "orders-pool")
	if got.Connection.Password != again.Password {
		t.Fatal("the pool's connection kept the old password")
	}
	mustConnectAs(t, got.Connection.URI, "app", "orders")
	inbound, _, err := e.client.Databases.CreatePool(ctx, db.ID, &godo.DatabaseCreatePoolRequest{Name: "inbound", Mode: "session", Size: 2, Database: defaultDB})
	if err != nil {
		t.Fatal(err)
	}
	mustConnectAs(t, inbound.Connection.URI, adminUser, defaultDB)

	// A replica's URI reaches the primary's data, read-only.
	if _, err := adminConn.Exec(ctx, "create table items (n int); insert into items values (1)"); err != nil {
		t.Fatal(err)
	}
	rp, _, err := e.client.Databases.CreateReplica(ctx, db.ID, &godo.DatabaseCreateReplicaRequest{Name: "backed-subs-read", Size: "db-s-1vcpu-1gb"})
	if err != nil {
		t.Fatal(err)
	}
	if rp.Connection.Host != "127.0.0.1" || rp.Connection.Database != defaultDB || rp.PrivateConnection.URI != rp.Connection.URI {
		t.Fatalf("replica connection %+v", rp.Connection)
	}
	replicaConn := mustConnectAs(t, rp.Connection.URI, adminUser, defaultDB)
	var n int
	if err := replicaConn.QueryRow(ctx, "select count(*) from items").Scan(&n); err != nil || n != 1 {
		t.Fatalf("reading through the replica: %d %v", n, err)
	}
	_, err = replicaConn.Exec(ctx, "insert into items values (2)")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "25006" { // read_only_sql_transaction
		t.Fatalf("a write through the replica: %v", err)
	}

	// Deleting a user hands what it owns to the default user and ends its sessions.
	if _, err := adminConn.Exec(ctx, "grant create on schema public to app"); err != nil {
		t.Fatal(err)
	}
	appConn = mustConnectAs(t, uriFor(t, primary, "app", again.Password, defaultDB), "app", defaultDB)
	if _, err := appConn.Exec(ctx, "create table app_owned (n int)"); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.Databases.DeleteUser(ctx, db.ID, "app")
	apiErr(t, err, 422, "connection pool")
	if _, err := e.client.Databases.DeletePool(ctx, db.ID, "orders-pool"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.Databases.DeleteUser(ctx, db.ID, "app"); err != nil {
		t.Fatalf("deleting a user that owns a table: %v", err)
	}
	if roleExists(t, admin, "app") {
		t.Fatal("the role survived")
	}
	if err := appConn.Ping(ctx); err == nil {
		t.Fatal("the deleted user's session is still alive")
	}
	var owner string
	if err := adminConn.QueryRow(ctx, "select tableowner from pg_tables where tablename = 'app_owned'").Scan(&owner); err != nil || owner != adminUser {
		t.Fatalf("app_owned is owned by %q (%v)", owner, err)
	}

	// Deleting a database drops it, also with a session open on it.
	ordersConn := mustConnectAs(t, uriFor(t, primary, adminUser, primary.Password, "orders"), adminUser, "orders")
	if _, err := e.client.Databases.DeleteDB(ctx, db.ID, "orders"); err != nil {
		t.Fatal(err)
	}
	if dbExists(t, admin, "orders") || ordersConn.Ping(ctx) == nil {
		t.Fatal("orders survived its delete")
	}

	// Deleting the cluster drops every database and role it had at the server.
	if _, _, err := e.client.Databases.CreateDB(ctx, db.ID, &godo.DatabaseCreateDBRequest{Name: "more"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "reporter"}); err != nil {
		t.Fatal(err)
	}
	_, _, group := backingNames(db.ID)
	if _, err := e.client.Databases.Delete(ctx, db.ID); err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{adminUser, "reporter", group} {
		if roleExists(t, admin, role) {
			t.Errorf("role %s survived the cluster", role)
		}
	}
	for _, d := range []string{defaultDB, "more"} {
		if dbExists(t, admin, d) {
			t.Errorf("database %s survived the cluster", d)
		}
	}
	// The other cluster is untouched, and its names are free for it now.
	mustConnectAs(t, other.Connection.URI, other.Connection.User, other.Connection.Database)
	if _, _, err := e.client.Databases.CreateUser(ctx, other.ID, &godo.DatabaseCreateUserRequest{Name: "app"}); err != nil {
		t.Fatal(err)
	}
}
