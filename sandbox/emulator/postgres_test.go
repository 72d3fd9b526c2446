package emulator

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"github.com/jackc/pgx/v5"
)

// TestPostgresBacking runs the --postgres auto path: the emulator starts its own PostgreSQL from
// the Debian binaries, each pg cluster gets a real role and database, and its URI connects. It
// fails (never skips) when no PostgreSQL binaries are installed.
func TestPostgresBacking(t *testing.T) {
	backing, admin := startBacking(t)
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	dir := filepath.Dir(backing.local.DataDir)

	e := newEnv(t, withBackend(backing.Backend))
	db := e.create(pgRequest("backed"))
	c := db.Connection
	short := strings.ReplaceAll(db.ID, "-", "")[:8]
	if c.Host != "127.0.0.1" || c.Port != backing.local.Port || c.User != "doadmin_"+short || c.Database != "defaultdb_"+short || c.SSL {
		t.Fatalf("connection %+v", c)
	}
	wantURI := "postgresql://" + c.User + ":" + c.Password + "@127.0.0.1:" + strconv.Itoa(c.Port) + "/" + c.Database + "?sslmode=disable"
	if c.URI != wantURI || db.PrivateConnection.URI != wantURI {
		t.Fatalf("uri %q, want %q", c.URI, wantURI)
	}
	if len(db.Users) != 1 || db.Users[0].Name != c.User || db.Users[0].Password != c.Password || db.DBNames[0] != c.Database {
		t.Fatalf("users %+v db_names %v", db.Users, db.DBNames)
	}
	if got := e.get(db.ID).Connection; got.URI != wantURI {
		t.Fatalf("GET uri %q", got.URI)
	}

	conn, err := pgx.Connect(cctx, c.URI)
	if err != nil {
		t.Fatalf("connecting with the cluster's URI: %v", err)
	}
	var version, user, database string
	if err := conn.QueryRow(cctx, "select version(), current_user, current_database()").Scan(&version, &user, &database); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(version, "PostgreSQL ") || user != c.User || database != c.Database {
		t.Fatalf("%q %q %q", version, user, database)
	}
	if _, err := conn.Exec(cctx, "create table t (x int); insert into t values (1)"); err != nil {
		t.Fatalf("the role owns its database: %v", err)
	}

	// Another cluster's role cannot reach this one's database; other engines are not backed.
	other := e.create(pgRequest("backed-two"))
	oc := other.Connection
	if oc.User == c.User || oc.Database == c.Database {
		t.Fatal("two clusters share a role or database")
	}
	cross := strings.Replace(oc.URI, "/"+oc.Database+"?", "/"+c.Database+"?", 1)
	if cc, err := pgx.Connect(cctx, cross); err == nil {
		cc.Close(ctx)
		t.Fatal("a cluster's role connected to another cluster's database")
	}
	redis := e.create(&godo.DatabaseCreateRequest{Name: "cache", EngineSlug: "redis", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	if redis.Connection.Port != 25061 || !strings.HasSuffix(redis.Connection.Host, ".ondigitalocean.com") {
		t.Fatalf("redis is backed: %+v", redis.Connection)
	}

	// Delete drops the role and database, ending the open session.
	if !roleExists(t, admin, c.User) || !dbExists(t, admin, c.Database) {
		t.Fatal("role or database missing")
	}
	if _, err := e.client.Databases.Delete(ctx, db.ID); err != nil {
		t.Fatal(err)
	}
	if roleExists(t, admin, c.User) || dbExists(t, admin, c.Database) {
		t.Fatal("the role or database survived the delete")
	}
	if err := conn.Ping(cctx); err == nil {
		t.Error("the deleted cluster's session is still alive")
	}
	conn.Close(ctx)

	// So does an out-of-band delete; and closing the emulator drops what is left.
	e.control("DELETE", "/databases/"+other.ID, nil, 204)
	if roleExists(t, admin, oc.User) || dbExists(t, admin, oc.Database) {
		t.Fatal("the role survived an out-of-band delete")
	}
	third := e.create(pgRequest("backed-three"))
	if !roleExists(t, admin, third.Connection.User) {
		t.Fatal("no role")
	}
	if err := e.srv.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if roleExists(t, admin, third.Connection.User) || dbExists(t, admin, third.Connection.Database) {
		t.Fatal("Close left a role behind")
	}

	// --postgres-url: the same, on a server someone else runs.
	ext, err := OpenBacking(cctx, BackingOptions{URL: backing.local.AdminURL, Mode: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	defer ext.Close()
	if ext.local != nil {
		t.Fatal("a URL must not start a server")
	}
	e2 := newEnv(t, withBackend(ext.Backend))
	db2 := e2.create(pgRequest("external"))
	conn2, err := pgx.Connect(cctx, db2.Connection.URI)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn2.QueryRow(cctx, "select version()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	conn2.Close(ctx)
	e2.control("DELETE", "/databases/"+db2.ID, nil, 204)
	if roleExists(t, admin, db2.Connection.User) {
		t.Fatal("role left behind")
	}
	if _, err := OpenBacking(cctx, BackingOptions{URL: "postgres://nobody:secret-pw@127.0.0.1:1/postgres?connect_timeout=2"}); err == nil ||
		strings.Contains(err.Error(), "secret-pw") {
		t.Fatalf("a bad URL: %v", err)
	}

	// The server never saw a password: its log holds none.
	logData, err := os.ReadFile(filepath.Join(dir, "postgres.log"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{c.Password, oc.Password, third.Connection.Password, db2.Connection.Password} {
		if strings.Contains(string(logData), pw) {
			t.Fatal("postgres.log holds a cluster password")
		}
	}
}

// startBacking starts the emulator's own PostgreSQL (--postgres auto) from the Debian binaries,
// with an admin connection to it. It fails (never skips) when no PostgreSQL binaries are installed.
func startBacking(t *testing.T) (*Backing, *pgx.Conn) {
	t.Helper()
	if _, err := FindPostgresBin(); err != nil {
		t.Fatalf("this test needs PostgreSQL's server binaries and found none: %v", err)
	}
	// A directory the postgres OS user can reach when the tests run as root.
	dir, err := os.MkdirTemp("", "do-emulator-pgtest-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	backing, err := OpenBacking(cctx, BackingOptions{Mode: "auto", DataDir: dir, Logger: log.New(testWriter{t}, "", 0)})
	if err != nil {
		t.Fatalf("starting PostgreSQL: %v", err)
	}
	t.Cleanup(backing.Close)
	admin, err := pgx.Connect(cctx, backing.local.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(ctx) })
	return backing, admin
}

func roleExists(t *testing.T, admin *pgx.Conn, name string) bool {
	t.Helper()
	return pgCount(t, admin, "select count(*) from pg_roles where rolname = $1", name) == 1
}

func dbExists(t *testing.T, admin *pgx.Conn, name string) bool {
	t.Helper()
	return pgCount(t, admin, "select count(*) from pg_database where datname = $1", name) == 1
}

// pgCount is the count a query of the admin connection finds.
func pgCount(t *testing.T, admin *pgx.Conn, query string, args ...any) int {
	t.Helper()
	var n int
	if err := admin.QueryRow(ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestScramVerifierFormat(t *testing.T) {
	v, err := scramVerifier("pencil")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$`).MatchString(v) {
		t.Fatalf("verifier %q", v)
	}
}
