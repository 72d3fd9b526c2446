//go:build e2e

// Package e2e drives the sandbox provider through the real Pulumi CLI with inline programs shaped
// like dbplane's Java ones: TestRealEngine a cluster (up, preview, refresh, destroy, a cancelled
// up) against the in-memory fake DigitalOcean API, TestRealEngineOnTheEmulator a cluster with all
// its sub-resources against the emulator of sandbox/emulator, which the test builds and runs with
// a PostgreSQL server of its own (it needs the server binaries, see the emulator's README).
// It needs a Pulumi CLI: PULUMI_CLI (any path, e.g. the one sandbox/build.sh caches), or `pulumi`
// on PATH.
//
//	PULUMI_CLI=~/.cache/dbplane-sandbox/pulumi-v3.274.1/pulumi go test -tags e2e -count=1 -v ./e2e/
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dbplane.dev/sandbox/provider/internal/dofake"
	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	token        = "dop_v1_e2e-token"
	clusterToken = "digitalocean:index/databaseCluster:DatabaseCluster"
)

type provider struct{ pulumi.ProviderResourceState }

type cluster struct {
	pulumi.CustomResourceState
	Host       pulumi.StringOutput `pulumi:"host"`
	Port       pulumi.IntOutput    `pulumi:"port"`
	User       pulumi.StringOutput `pulumi:"user"`
	Password   pulumi.StringOutput `pulumi:"password"`
	URI        pulumi.StringOutput `pulumi:"uri"`
	ClusterUrn pulumi.StringOutput `pulumi:"clusterUrn"`
}

// spec is what the program creates; the test changes it between runs.
type spec struct {
	mu   sync.Mutex
	size string
}

func (s *spec) program(endpoint string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		s.mu.Lock()
		size := s.size
		s.mu.Unlock()
		prov, err := registerProvider(ctx, endpoint)
		if err != nil {
			return err
		}
		c, err := registerCluster(ctx, prov, "e2e-cluster", size)
		if err != nil {
			return err
		}
		ctx.Export("cluster_id", c.ID())
		ctx.Export("host", c.Host)
		ctx.Export("port", c.Port)
		ctx.Export("database_user", c.User)
		ctx.Export("database_password", c.Password)
		ctx.Export("connection_uri", c.URI)
		ctx.Export("cluster_urn", c.ClusterUrn)
		return nil
	}
}

// registerProvider is the explicit provider of dbplane's programs, pinned to 4.76.0.
func registerProvider(ctx *pulumi.Context, endpoint string) (*provider, error) {
	var prov provider
	err := ctx.RegisterResource("pulumi:providers:digitalocean", "digitalocean", pulumi.Map{
		"token":       pulumi.ToSecret(pulumi.String(token)),
		"apiEndpoint": pulumi.String(endpoint),
	}, &prov, pulumi.Version("4.76.0"))
	return &prov, err
}

// registerCluster is a pg cluster as dbplane's Java program declares one.
func registerCluster(ctx *pulumi.Context, prov *provider, name, size string) (*cluster, error) {
	var c cluster
	err := ctx.RegisterResource(clusterToken, "database-cluster", pulumi.Map{
		"name":           pulumi.String(name),
		"engine":         pulumi.String("pg"),
		"version":        pulumi.String("16"),
		"size":           pulumi.String(size),
		"region":         pulumi.String("nyc1"),
		"nodeCount":      pulumi.Int(1),
		"storageSizeMib": pulumi.String("10240"),
		"tags":           pulumi.StringArray{pulumi.String("dbplane")},
	}, &c, pulumi.Provider(prov), pulumi.Version("4.76.0"),
		pulumi.AdditionalSecretOutputs([]string{"password", "uri", "privateUri", "uiPassword", "uiUri"}))
	return &c, err
}

func pulumiCLI(t *testing.T) string {
	if p := os.Getenv("PULUMI_CLI"); p != "" {
		return p
	}
	p, err := exec.LookPath("pulumi")
	if err != nil {
		t.Fatalf("no Pulumi CLI: set PULUMI_CLI or put pulumi on PATH (%v)", err)
	}
	return p
}

// pulumiCommand runs the CLI at cli. The Automation API takes an installation root and runs
// <root>/bin/pulumi, which is not where every CLI lives (sandbox/build.sh caches it as
// pulumi-<version>/pulumi), so the root is a directory of the test's own linking to cli.
func pulumiCommand(t *testing.T, cli, tmp string) auto.PulumiCommand {
	t.Helper()
	abs, err := filepath.Abs(cli)
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(tmp, "pulumi-cli")
	if err := os.MkdirAll(filepath.Join(root, "bin"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(root, "bin", "pulumi")); err != nil {
		t.Fatal(err)
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root, SkipVersionCheck: true})
	if err != nil {
		t.Fatalf("pulumi command: %v", err)
	}
	return cmd
}

// goBuild builds pkg of the Go module in dir into out.
func goBuild(t *testing.T, dir, pkg, out string) {
	t.Helper()
	build := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build %s in %s: %v\n%s", pkg, dir, err, msg)
	}
}

// installProvider builds this provider and installs it as digitalocean 4.76.0 into a Pulumi home
// of the test's own, which it returns.
func installProvider(t *testing.T, cli, tmp string) string {
	t.Helper()
	bin := filepath.Join(tmp, "pulumi-resource-digitalocean")
	goBuild(t, "..", ".", bin)
	home := filepath.Join(tmp, "pulumi-home")
	install := exec.Command(cli, "plugin", "install", "resource", "digitalocean", "4.76.0", "--file", bin)
	install.Env = append(os.Environ(), "PULUMI_HOME="+home, "PULUMI_SKIP_UPDATE_CHECK=true")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("plugin install: %v\n%s", err, out)
	}
	return home
}

// newStack is an inline-program stack with a local state backend, under tmp.
func newStack(t *testing.T, tmp, cli, home string, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	backend := filepath.Join(tmp, "state")
	if err := os.MkdirAll(backend, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(tmp, "work"), 0o700); err != nil {
		t.Fatal(err)
	}
	project := workspace.Project{Name: "dbplane-e2e", Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Backend: &workspace.ProjectBackend{URL: "file://" + backend}}
	stack, err := auto.UpsertStackInlineSource(context.Background(), "e2e", "dbplane-e2e", program,
		auto.Project(project), auto.Pulumi(pulumiCommand(t, cli, tmp)), auto.PulumiHome(home), auto.WorkDir(filepath.Join(tmp, "work")),
		auto.SecretsProvider("passphrase"),
		auto.EnvVars(map[string]string{
			"PULUMI_CONFIG_PASSPHRASE":                    "e2e",
			"PULUMI_SKIP_UPDATE_CHECK":                    "true",
			"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
			"DIGITALOCEAN_SANDBOX_POLL_INTERVAL":          "50ms",
			"DIGITALOCEAN_SANDBOX_RETRY_WAIT_MIN":         "10ms",
		}))
	if err != nil {
		t.Fatalf("stack: %v", err)
	}
	return stack
}

type harness struct {
	t     *testing.T
	fake  *dofake.Server
	stack auto.Stack
	spec  *spec
}

func setup(t *testing.T) *harness {
	cli := pulumiCLI(t)
	tmp := t.TempDir()
	home := installProvider(t, cli, tmp)

	fake := dofake.New(token)
	t.Cleanup(fake.Close)
	fake.GetsUntilOnline = 2
	fake.NotFoundGets = 1

	sp := &spec{size: "db-s-1vcpu-1gb"}
	return &harness{t: t, fake: fake, stack: newStack(t, tmp, cli, home, sp.program(fake.URL)), spec: sp}
}

// collect gathers the engine events of one operation.
func collect() (chan events.EngineEvent, func() []events.EngineEvent) {
	ch := make(chan events.EngineEvent)
	var got []events.EngineEvent
	done := make(chan struct{})
	go func() {
		for e := range ch {
			got = append(got, e)
		}
		close(done)
	}()
	return ch, func() []events.EngineEvent { <-done; return got }
}

// noWarnings fails on warnings and errors the engine reported (the plugin version check included).
func noWarnings(t *testing.T, op string, evs []events.EngineEvent) {
	t.Helper()
	for _, e := range evs {
		if d := e.DiagnosticEvent; d != nil && (d.Severity == "warning" || d.Severity == "error") {
			t.Errorf("%s: %s diagnostic: %s", op, d.Severity, d.Message)
		}
	}
}

func diagnostics(evs []events.EngineEvent) string {
	var b strings.Builder
	for _, e := range evs {
		if d := e.DiagnosticEvent; d != nil && d.Severity != "debug" {
			fmt.Fprintf(&b, "[%s] %s\n", d.Severity, strings.TrimSpace(d.Message))
		}
	}
	return b.String()
}

func deployment(t *testing.T, stack auto.Stack) apitype.DeploymentV3 {
	t.Helper()
	dep, err := stack.Export(context.Background())
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var d apitype.DeploymentV3
	if err := json.Unmarshal(dep.Deployment, &d); err != nil {
		t.Fatalf("deployment: %v", err)
	}
	return d
}

func (h *harness) clusterState() (apitype.ResourceV3, bool) {
	for _, r := range deployment(h.t, h.stack).Resources {
		if string(r.Type) == clusterToken {
			return r, true
		}
	}
	return apitype.ResourceV3{}, false
}

func TestRealEngine(t *testing.T) {
	h := setup(t)
	ctx := context.Background()

	// up: creates and waits; outputs as the Java side reads them; no version warning.
	ch, evs := collect()
	res, err := h.stack.Up(ctx, optup.EventStreams(ch))
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	upEvents := evs()
	noWarnings(t, "up", upEvents)
	t.Logf("up diagnostics:\n%s", diagnostics(upEvents))
	ids := h.fake.IDs()
	if len(ids) != 1 || res.Outputs["cluster_id"].Value != ids[0] {
		t.Fatalf("outputs %v, clusters %v", res.Outputs, ids)
	}
	if !res.Outputs["database_password"].Secret || res.Outputs["database_password"].Value != "pw-e2e-cluster-1" ||
		!res.Outputs["connection_uri"].Secret || res.Outputs["port"].Value != 25060.0 ||
		res.Outputs["cluster_urn"].Value != "do:dbaas:"+ids[0] {
		t.Errorf("outputs: %+v", res.Outputs)
	}
	for _, p := range deployment(h.t, h.stack).Manifest.Plugins {
		t.Logf("manifest plugin: %s %s %s", p.Type, p.Name, p.Version)
	}

	// preview: nothing to do.
	pv, err := h.stack.Preview(ctx)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	if pv.ChangeSummary[apitype.OpSame] != 3 || len(pv.ChangeSummary) != 1 {
		t.Errorf("preview after up: %v", pv.ChangeSummary)
	}

	// a resize in place
	h.spec.mu.Lock()
	h.spec.size = "db-s-2vcpu-4gb"
	h.spec.mu.Unlock()
	res, err = h.stack.Up(ctx)
	if err != nil {
		t.Fatalf("up (resize): %v", err)
	}
	if res.Summary.ResourceChanges == nil || (*res.Summary.ResourceChanges)["update"] != 1 {
		t.Errorf("resize summary: %v", res.Summary.ResourceChanges)
	}
	if n := strings.Count(strings.Join(h.fake.Calls(false), ","), "PUT /v2/databases/"+ids[0]+"/resize"); n != 1 {
		t.Errorf("resize calls: %v", h.fake.Calls(false))
	}

	// drift: refresh shows it, the next preview wants to undo it.
	h.fake.Mutate(ids[0], func(db *godo.Database) { db.NumNodes = 2 })
	rr, err := h.stack.Refresh(ctx)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if (*rr.Summary.ResourceChanges)["update"] != 1 {
		t.Errorf("refresh did not show drift: %v", rr.Summary.ResourceChanges)
	}
	pv, err = h.stack.Preview(ctx, optpreview.Diff())
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	if pv.ChangeSummary[apitype.OpUpdate] != 1 {
		t.Errorf("preview after drift: %v", pv.ChangeSummary)
	}
	if _, err := h.stack.Up(ctx); err != nil {
		t.Fatalf("up (undo drift): %v", err)
	}
	if db, _ := h.fake.Cluster(ids[0]); db.NumNodes != 1 {
		t.Errorf("drift not undone: %d nodes", db.NumNodes)
	}

	// gone behind our back: refresh drops it; destroy then has nothing to delete.
	h.fake.Remove(ids[0])
	if _, err := h.stack.Refresh(ctx, optrefresh.Diff()); err != nil {
		t.Fatalf("refresh (gone): %v", err)
	}
	if _, ok := h.clusterState(); ok {
		t.Errorf("a cluster gone from DigitalOcean is still in the state")
	}

	// a cancelled up (SIGINT to the CLI, as on a service shutdown): the cluster is recorded.
	h.fake.GetsUntilOnline = 1 << 30
	upCtx, cancel := context.WithCancel(ctx)
	go func() {
		for len(h.fake.IDs()) == 0 {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err = h.stack.Up(upCtx)
	if err == nil {
		t.Fatal("a cancelled up succeeded")
	}
	t.Logf("cancelled up ended after %v: %v", time.Since(start).Round(time.Millisecond), firstLine(err.Error()))
	ids = h.fake.IDs()
	st, ok := h.clusterState()
	if len(ids) != 1 || !ok || string(st.ID) != ids[0] {
		t.Fatalf("the cancelled create was not recorded: clusters %v, state %+v", ids, st)
	}
	t.Logf("recorded after cancel: id %s, init errors %q, pending operations %d", st.ID, st.InitErrors, len(deployment(h.t, h.stack).PendingOperations))

	// the next up (the cluster now comes online) finishes it; destroy deletes it.
	h.fake.SetGetsUntilOnline(ids[0], 1)
	if _, err := h.stack.Up(ctx); err != nil {
		t.Fatalf("up after cancel: %v", err)
	}
	if st, _ := h.clusterState(); len(st.InitErrors) != 0 {
		t.Errorf("init errors left: %v", st.InitErrors)
	}
	ch, evs = collect()
	if _, err := h.stack.Destroy(ctx, optdestroy.EventStreams(ch)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	noWarnings(t, "destroy", evs())
	if len(h.fake.IDs()) != 0 {
		t.Errorf("destroy left %v", h.fake.IDs())
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
