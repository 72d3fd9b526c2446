//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"github.com/jackc/pgx/v5"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	emulatedCluster = "e2e-emulated"
	appDB           = "appdb"
	appUser         = "appuser"
	appPool         = "apppool"
	readReplica     = "e2e-emulated-read"
)

type plain struct{ pulumi.CustomResourceState }

type named struct {
	pulumi.CustomResourceState
	Name pulumi.StringOutput `pulumi:"name"`
}

type user struct {
	pulumi.CustomResourceState
	Name     pulumi.StringOutput `pulumi:"name"`
	Password pulumi.StringOutput `pulumi:"password"`
}

type pool struct {
	pulumi.CustomResourceState
	URI pulumi.StringOutput `pulumi:"uri"`
}

type replica struct {
	pulumi.CustomResourceState
	UUID pulumi.StringOutput `pulumi:"uuid"`
}

// clusterSpec is the cluster with all five of its sub-resources; the test changes the firewall's
// rules and the replica's size between runs.
type clusterSpec struct {
	mu          sync.Mutex
	rules       [][2]string // type, value
	replicaSize string
}

func (s *clusterSpec) set(f func(*clusterSpec)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *clusterSpec) program(endpoint string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		s.mu.Lock()
		rules, replicaSize := slices.Clone(s.rules), s.replicaSize
		s.mu.Unlock()
		prov, err := registerProvider(ctx, endpoint)
		if err != nil {
			return err
		}
		c, err := registerCluster(ctx, prov, emulatedCluster, "db-s-1vcpu-1gb")
		if err != nil {
			return err
		}
		child := func(token, name string, props pulumi.Map, out pulumi.CustomResource) error {
			props["clusterId"] = c.ID()
			return ctx.RegisterResource(token, name, props, out, pulumi.Provider(prov), pulumi.Version("4.76.0"))
		}
		var db named
		if err := child("digitalocean:index/databaseDb:DatabaseDb", "app-db", pulumi.Map{"name": pulumi.String(appDB)}, &db); err != nil {
			return err
		}
		var u user
		if err := child("digitalocean:index/databaseUser:DatabaseUser", "app-user", pulumi.Map{"name": pulumi.String(appUser)}, &u); err != nil {
			return err
		}
		var p pool
		if err := child("digitalocean:index/databaseConnectionPool:DatabaseConnectionPool", "app-pool", pulumi.Map{
			"name": pulumi.String(appPool), "mode": pulumi.String("transaction"), "size": pulumi.Int(5),
			"dbName": db.Name, "user": u.Name,
		}, &p); err != nil {
			return err
		}
		var ruleList pulumi.MapArray
		for _, r := range rules {
			ruleList = append(ruleList, pulumi.Map{"type": pulumi.String(r[0]), "value": pulumi.String(r[1])})
		}
		var fw plain
		if err := child("digitalocean:index/databaseFirewall:DatabaseFirewall", "trusted-sources", pulumi.Map{"rules": ruleList}, &fw); err != nil {
			return err
		}
		var rp replica
		if err := child("digitalocean:index/databaseReplica:DatabaseReplica", "read-replica", pulumi.Map{
			"name": pulumi.String(readReplica), "size": pulumi.String(replicaSize),
		}, &rp); err != nil {
			return err
		}
		ctx.Export("cluster_id", c.ID())
		ctx.Export("user_name", u.Name)
		ctx.Export("user_password", u.Password)
		ctx.Export("pool_uri", p.URI)
		ctx.Export("replica_uuid", rp.UUID)
		return nil
	}
}

// emulator is a do-emulator process built from sandbox/emulator, with its own PostgreSQL server.
type emulator struct {
	url    string
	client *godo.Client
}

func startEmulator(t *testing.T, tmp string) *emulator {
	t.Helper()
	bin := filepath.Join(tmp, "do-emulator")
	goBuild(t, filepath.Join("..", "..", "emulator"), "./cmd/do-emulator", bin)
	portFile, logPath := filepath.Join(tmp, "emulator-port"), filepath.Join(tmp, "emulator.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	// Delays short enough for a quick run, long enough that every wait of the provider polls.
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0", "--port-file", portFile, "--token", token,
		"--postgres", "auto", "--create-delay", "1s", "--resize-delay", "1s", "--name-hold", "0s")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// SIGTERM: the emulator stops its PostgreSQL server and removes its data.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("emulator: %v", err)
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("the emulator did not stop within 30s of SIGTERM")
		}
		_ = logFile.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("emulator log:\n%s", out)
		}
	})
	deadline := time.Now().Add(90 * time.Second) // initdb and the server's start
	for {
		if port, _ := os.ReadFile(portFile); len(strings.TrimSpace(string(port))) > 0 {
			u := "http://127.0.0.1:" + strings.TrimSpace(string(port))
			client := godo.NewFromToken(token)
			client.BaseURL, _ = url.Parse(u + "/")
			return &emulator{url: u, client: client}
		}
		select {
		case err := <-exited:
			out, _ := os.ReadFile(logPath)
			t.Fatalf("the emulator exited while starting (%v):\n%s", err, out)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the emulator did not start within 90s")
		}
	}
}

// requested says whether the emulator's request log has a request of method and path.
func (e *emulator) requested(t *testing.T, method, path string) bool {
	t.Helper()
	resp, err := http.Get(e.url + "/_emulator/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var log []struct{ Method, Path string }
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(log, func(r struct{ Method, Path string }) bool { return r.Method == method && r.Path == path })
}

// ruleSet is the emulator's firewall of a cluster as type=value pairs, and their uuids.
func (e *emulator) ruleSet(t *testing.T, clusterID string) ([]string, map[string]string) {
	t.Helper()
	rules, _, err := e.client.Databases.GetFirewallRules(context.Background(), clusterID)
	if err != nil {
		t.Fatalf("firewall: %v", err)
	}
	var set []string
	uuids := map[string]string{}
	for _, r := range rules {
		set = append(set, r.Type+"="+r.Value)
		uuids[r.Type+"="+r.Value] = r.UUID
	}
	slices.Sort(set)
	return set, uuids
}

// connectAs connects to uri as user with password (instead of the URI's own) and says who and
// where the session is.
func connectAs(t *testing.T, uri, user, password string) (string, string) {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("pool uri: %v", err)
	}
	if u.User.Username() != user {
		t.Errorf("the pool's URI connects as %q, not as the pool's user %q", u.User.Username(), user)
	}
	if own, _ := u.User.Password(); own != password {
		t.Errorf("the pool's URI carries another password than the user's outputs")
	}
	u.User = url.UserPassword(user, password)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatalf("connect through the pool's URI as %s: %v", user, err)
	}
	defer conn.Close(ctx)
	var who, where string
	if err := conn.QueryRow(ctx, "SELECT current_user, current_database()").Scan(&who, &where); err != nil {
		t.Fatal(err)
	}
	return who, where
}

func changes(t *testing.T, op string, got *map[string]int, want map[string]int) {
	t.Helper()
	if got == nil || !maps.Equal(*got, want) {
		t.Errorf("%s: changes %v, want %v", op, got, want)
	}
}

// TestRealEngineOnTheEmulator drives a pg cluster with a database, a user, a transaction pool, a
// firewall and a replica through the real CLI against the DigitalOcean emulator, whose pg
// clusters are real databases: the pool's URI connects as the user, the firewall's rules change
// (DigitalOcean's refusal of an IPv6 source reaches the engine), the replica is resized, and
// destroy removes all.
func TestRealEngineOnTheEmulator(t *testing.T) {
	cli := pulumiCLI(t)
	tmp := t.TempDir()
	home := installProvider(t, cli, tmp)
	emu := startEmulator(t, tmp)
	sp := &clusterSpec{rules: [][2]string{{"ip_addr", "10.0.0.0/8"}, {"tag", "dbplane"}}, replicaSize: "db-s-1vcpu-1gb"}
	stack := newStack(t, tmp, cli, home, sp.program(emu.url))
	ctx := context.Background()

	// up: all six created, with no warning.
	start := time.Now()
	ch, evs := collect()
	res, err := stack.Up(ctx, optup.EventStreams(ch))
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	noWarnings(t, "up", evs())
	t.Logf("up took %v", time.Since(start).Round(time.Millisecond))
	changes(t, "up", res.Summary.ResourceChanges, map[string]int{"create": 8})
	clusterID, _ := res.Outputs["cluster_id"].Value.(string)
	password, _ := res.Outputs["user_password"].Value.(string)
	poolURI, _ := res.Outputs["pool_uri"].Value.(string)
	replicaUUID, _ := res.Outputs["replica_uuid"].Value.(string)
	if !res.Outputs["user_password"].Secret || !res.Outputs["pool_uri"].Secret || password == "" || res.Outputs["user_name"].Value != appUser {
		t.Errorf("outputs %+v", res.Outputs)
	}
	do := emu.client.Databases
	if db, _, err := do.Get(ctx, clusterID); err != nil || db.Name != emulatedCluster || db.Status != "online" {
		t.Fatalf("cluster %+v %v", db, err)
	}
	if _, _, err := do.GetDB(ctx, clusterID, appDB); err != nil {
		t.Errorf("database: %v", err)
	}
	if p, _, err := do.GetPool(ctx, clusterID, appPool); err != nil || p.Mode != "transaction" || p.User != appUser || p.Database != appDB {
		t.Errorf("pool %+v %v", p, err)
	}
	if rp, _, err := do.GetReplica(ctx, clusterID, readReplica); err != nil || rp.ID != replicaUUID || rp.Status != "active" {
		t.Errorf("replica %+v %v", rp, err)
	}
	rules, uuids := emu.ruleSet(t, clusterID)
	if strings.Join(rules, ",") != "ip_addr=10.0.0.0/8,tag=dbplane" {
		t.Errorf("firewall %v", rules)
	}

	// The pool's URI reaches the pool's database as the user, with the password of the user's outputs.
	if who, where := connectAs(t, poolURI, appUser, password); who != appUser || where != appDB {
		t.Errorf("the pool's session is %s on %s", who, where)
	}

	// preview: the emulator's answers are what the state has; nothing to do.
	pv, err := stack.Preview(ctx, optpreview.Diff())
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	if pv.ChangeSummary[apitype.OpSame] != 8 || len(pv.ChangeSummary) != 1 {
		t.Errorf("preview after up: %v\n%s", pv.ChangeSummary, pv.StdOut)
	}

	// The firewall's rules change in place: one kept (with its uuid), one dropped, one added.
	sp.set(func(s *clusterSpec) { s.rules = [][2]string{{"ip_addr", "10.0.0.0/8"}, {"ip_addr", "192.168.1.1"}} })
	res, err = stack.Up(ctx)
	if err != nil {
		t.Fatalf("up (firewall): %v", err)
	}
	changes(t, "up (firewall)", res.Summary.ResourceChanges, map[string]int{"same": 7, "update": 1})
	after, afterUUIDs := emu.ruleSet(t, clusterID)
	if strings.Join(after, ",") != "ip_addr=10.0.0.0/8,ip_addr=192.168.1.1" || afterUUIDs["ip_addr=10.0.0.0/8"] != uuids["ip_addr=10.0.0.0/8"] {
		t.Errorf("firewall after the change %v %v, before %v", after, afterUUIDs, uuids)
	}

	// An IPv6 source: DigitalOcean refuses it (422), and its words reach the engine; nothing changes.
	sp.set(func(s *clusterSpec) { s.rules = append(s.rules, [2]string{"ip_addr", "2001:db8::/32"}) })
	_, err = stack.Up(ctx)
	if err == nil {
		t.Fatal("an up with an IPv6 trusted source succeeded")
	}
	for _, want := range []string{"Error updating DatabaseFirewall", "/v2/databases/" + clusterID + "/firewall: 422",
		`"2001:db8::/32" is an IPv6 address; DigitalOcean accepts IPv4 trusted sources only`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refused up says %q; it does not say %q", err, want)
		}
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.Contains(line, "IPv6") {
			t.Logf("the refused up: %s", strings.TrimSpace(line))
			break
		}
	}
	if now, _ := emu.ruleSet(t, clusterID); !slices.Equal(now, after) {
		t.Errorf("a refused PUT changed the firewall: %v", now)
	}
	sp.set(func(s *clusterSpec) { s.rules = s.rules[:2] })
	if pv, err := stack.Preview(ctx); err != nil || pv.ChangeSummary[apitype.OpSame] != 8 {
		t.Errorf("preview after the refusal: %v %v", pv.ChangeSummary, err)
	}

	// The replica grows in place: a resize of its uuid with one node, then a wait until it is active.
	sp.set(func(s *clusterSpec) { s.replicaSize = "db-s-1vcpu-2gb" })
	res, err = stack.Up(ctx)
	if err != nil {
		t.Fatalf("up (replica resize): %v", err)
	}
	changes(t, "up (replica resize)", res.Summary.ResourceChanges, map[string]int{"same": 7, "update": 1})
	if rp, _, err := do.GetReplica(ctx, clusterID, readReplica); err != nil || rp.Size != "db-s-1vcpu-2gb" || rp.Status != "active" {
		t.Errorf("replica after the resize %+v %v", rp, err)
	}
	if !emu.requested(t, "PUT", "/v2/databases/"+replicaUUID+"/resize") {
		t.Errorf("no PUT /v2/databases/%s/resize in the emulator's log", replicaUUID)
	}
	if db, _, _ := do.Get(ctx, clusterID); db.SizeSlug != "db-s-1vcpu-1gb" {
		t.Errorf("the replica's resize resized the cluster: %s", db.SizeSlug)
	}

	// destroy: nothing left at the emulator.
	ch, evs = collect()
	if _, err := stack.Destroy(ctx, optdestroy.EventStreams(ch)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	noWarnings(t, "destroy", evs())
	if left, _, err := do.List(ctx, nil); err != nil || len(left) != 0 {
		t.Errorf("destroy left %v (%v)", left, err)
	}
	if len(deployment(t, stack).Resources) != 0 {
		t.Errorf("destroy left resources in the state")
	}
}
