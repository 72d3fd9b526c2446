package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"github.com/jackc/pgx/v5"
	"golang.org/x/oauth2"

	"dbplane.dev/sandbox/emulator"
)

// The test binary doubles as do-emulator: with DO_EMULATOR_TEST_ARGS set it runs main.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("DO_EMULATOR_TEST_ARGS"); ok {
		var list []string
		if err := json.Unmarshal([]byte(args), &list); err != nil {
			panic(err)
		}
		os.Args = append([]string{"do-emulator"}, list...)
		main()
		return
	}
	os.Exit(m.Run())
}

type proc struct {
	cmd    *exec.Cmd
	stdout *bufio.Reader
	stderr *bytes.Buffer
	rest   chan string // stdout after the first line
	url    string
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	data, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(append(os.Environ(), "DO_EMULATOR_TEST_ARGS="+string(data)), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, stdout: bufio.NewReader(out), stderr: &bytes.Buffer{}, rest: make(chan string, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	line := make(chan string, 1)
	go func() {
		l, _ := p.stdout.ReadString('\n')
		line <- l
		rest, _ := io.ReadAll(p.stdout)
		p.rest <- string(rest)
	}()
	select {
	case l := <-line:
		m := regexp.MustCompile(`^do-emulator listening on (http://127\.0\.0\.1:\d+)\n$`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("first line %q; stderr: %s", l, p.stderr)
		}
		p.url = m[1]
	case <-time.After(60 * time.Second):
		t.Fatalf("no listening line; stderr: %s", p.stderr)
	}
	return p
}

// stop sends SIGTERM and returns the exit code and the rest of stdout.
func (p *proc) stop(t *testing.T) (int, string) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, <-p.rest
	case <-time.After(30 * time.Second):
		t.Fatal("do-emulator did not stop after SIGTERM")
	}
	return 0, ""
}

func client(t *testing.T, url, token string) *godo.Client {
	hc := oauth2.NewClient(context.Background(), oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
	c, err := godo.New(hc, godo.SetBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServeAndStop(t *testing.T) {
	portFile := filepath.Join(t.TempDir(), "port")
	p := start(t, []string{"DO_EMULATOR_TOKENS=env-token-a, env-token-b"},
		"--listen", "127.0.0.1:0", "--port-file", portFile, "--token", "flag-token", "--create-delay", "1h", "--name-hold", "5s")
	data, err := os.ReadFile(portFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p.url, ":"+strings.TrimSpace(string(data))) {
		t.Fatalf("port file %q, url %s", data, p.url)
	}
	ctx := context.Background()
	var db *godo.Database
	for _, tok := range []string{"flag-token", "env-token-a", "env-token-b"} {
		if _, _, err := client(t, p.url, tok).Databases.List(ctx, nil); err != nil {
			t.Fatalf("token %s: %v", tok, err)
		}
	}
	db, _, err = client(t, p.url, "flag-token").Databases.Create(ctx, &godo.DatabaseCreateRequest{
		Name: "cli", EngineSlug: "pg", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _, _ := client(t, p.url, "flag-token").Databases.Get(ctx, db.ID); got.Status != "creating" {
		t.Fatalf("--create-delay 1h: status %q", got.Status)
	}
	resp, err := http.Get(p.url + "/v2/databases")
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("no token: %v %v", resp.Status, err)
	}
	resp.Body.Close()
	resp, err = http.Get(p.url + "/_emulator/settings")
	if err != nil {
		t.Fatal(err)
	}
	var settings map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&settings)
	resp.Body.Close()
	if settings["create_delay"] != "1h0m0s" || settings["name_hold"] != "5s" {
		t.Fatalf("settings %v", settings)
	}

	code, rest := p.stop(t)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, p.stderr)
	}
	if rest != "" {
		t.Fatalf("more stdout after the first line: %q", rest)
	}
	for _, secret := range []string{"flag-token", "env-token-a", db.Connection.Password} {
		if strings.Contains(p.stderr.String(), secret) {
			t.Fatalf("stderr holds a secret: %s", p.stderr)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "127.0.0.1:0"}, "no API token"},
		{[]string{"--listen", "0.0.0.0:0", "--token", "x"}, "loopback"},
		{[]string{"--listen", "10.1.2.3:80", "--token", "x"}, "loopback"},
		{[]string{"--listen", "nonsense", "--token", "x"}, "not host:port"},
		{[]string{"--token", "x", "--postgres", "maybe"}, "auto or off"},
		{[]string{"--token", "x", "--bogus"}, "flag provided but not defined"},
		{[]string{"--token", "x", "extra"}, "unexpected arguments"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), c.args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), c.want) || stdout.Len() != 0 {
			t.Errorf("%v: code %d, stderr %q, stdout %q", c.args, code, stderr.String(), stdout.String())
		}
	}
}

// TestPostgresAuto runs the binary with --postgres auto: the URI of a pg cluster connects, and
// SIGTERM stops the PostgreSQL server too.
func TestPostgresAuto(t *testing.T) {
	if _, err := emulator.FindPostgresBin(); err != nil {
		t.Fatalf("this test needs PostgreSQL's server binaries and found none: %v", err)
	}
	dir, err := os.MkdirTemp("", "do-emulator-cmdtest-")
	if err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	p := start(t, nil, "--token", "tok", "--postgres", "auto", "--data-dir", dir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, _, err := client(t, p.url, "tok").Databases.Create(ctx, &godo.DatabaseCreateRequest{
		Name: "real", EngineSlug: "pg", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, db.Connection.URI)
	if err != nil {
		t.Fatalf("connecting with %s: %v", strings.Replace(db.Connection.URI, db.Connection.Password, "***", 1), err)
	}
	var version string
	if err := conn.QueryRow(ctx, "select version()").Scan(&version); err != nil || !strings.HasPrefix(version, "PostgreSQL") {
		t.Fatalf("%q %v", version, err)
	}
	conn.Close(ctx)
	code, _ := p.stop(t)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, p.stderr)
	}
	if strings.Contains(p.stderr.String(), db.Connection.Password) {
		t.Fatal("stderr holds the password")
	}
	if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("PostgreSQL still runs after the emulator stopped (postmaster.pid: %v)", err)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer ccancel()
	if c, err := pgx.Connect(cctx, db.Connection.URI); err == nil {
		c.Close(cctx)
		t.Fatal("PostgreSQL still accepts connections")
	}
}
