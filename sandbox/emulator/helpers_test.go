package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digitalocean/godo"
	"golang.org/x/oauth2"
)

const testToken = "test-token-1"

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is an emulator under test behind an httptest server, with a godo client for it.
type env struct {
	t      *testing.T
	srv    *Server
	ts     *httptest.Server
	client *godo.Client
}

type envOption func(*Config)

func withClock(c *fakeClock) envOption { return func(cfg *Config) { cfg.Now = c.Now } }

func withDelays(create, resize time.Duration) envOption {
	return func(cfg *Config) { cfg.CreateDelay, cfg.ResizeDelay = create, resize }
}

func withBackend(b Backend) envOption { return func(cfg *Config) { cfg.Backend = b } }

func newEnv(t *testing.T, opts ...envOption) *env {
	t.Helper()
	cfg := Config{
		Tokens:   []string{testToken, "test-token-2"},
		NameHold: 60 * time.Second,
		Logger:   log.New(testWriter{t}, "", 0),
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(context.Background()); err != nil {
			t.Errorf("closing the emulator: %v", err)
		}
	})
	e := &env{t: t, srv: srv, ts: ts}
	e.client = e.godo(testToken, 0)
	return e
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// godo is a godo client with a token; retries > 0 turns godo's retries on with short waits.
func (e *env) godo(token string, retries int) *godo.Client {
	e.t.Helper()
	hc := oauth2.NewClient(context.Background(), oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
	opts := []godo.ClientOpt{godo.SetBaseURL(e.ts.URL)}
	if retries > 0 {
		opts = append(opts, godo.WithRetryAndBackoffs(godo.RetryConfig{
			RetryMax: retries, RetryWaitMin: godo.PtrTo(0.01), RetryWaitMax: godo.PtrTo(0.05),
		}))
	}
	c, err := godo.New(hc, opts...)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// do sends a raw request; body is marshalled unless it is a string or nil.
func (e *env) do(method, path string, body any, token string) (*http.Response, []byte) {
	e.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, data
}

// control calls the control API and checks the status.
func (e *env) control(method, path string, body any, want int) []byte {
	e.t.Helper()
	resp, data := e.do(method, "/_emulator"+path, body, "")
	if resp.StatusCode != want {
		e.t.Fatalf("%s /_emulator%s: status %d, want %d: %s", method, path, resp.StatusCode, want, data)
	}
	return data
}

func (e *env) requests() []RequestRecord {
	e.t.Helper()
	var out []RequestRecord
	mustUnmarshal(e.t, e.control("GET", "/requests", nil, 200), &out)
	return out
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}

var nameSeq struct {
	sync.Mutex
	n int
}

func uniqueName(prefix string) string {
	nameSeq.Lock()
	defer nameSeq.Unlock()
	nameSeq.n++
	return fmt.Sprintf("%s-%d", prefix, nameSeq.n)
}

// pgRequest is a valid create request for a small pg cluster, as godo sends it.
func pgRequest(name string) *godo.DatabaseCreateRequest {
	return &godo.DatabaseCreateRequest{
		Name: name, EngineSlug: "pg", Version: "16", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1,
	}
}

func (e *env) create(req *godo.DatabaseCreateRequest) *godo.Database {
	e.t.Helper()
	db, resp, err := e.client.Databases.Create(context.Background(), req)
	if err != nil {
		e.t.Fatalf("create %s: %v", req.Name, err)
	}
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("create %s: status %d, want 201", req.Name, resp.StatusCode)
	}
	return db
}

func (e *env) get(id string) *godo.Database {
	e.t.Helper()
	db, _, err := e.client.Databases.Get(context.Background(), id)
	if err != nil {
		e.t.Fatalf("get %s: %v", id, err)
	}
	return db
}

// apiErr checks that err is a DigitalOcean error with the status and a message containing want.
func apiErr(t *testing.T, err error, status int, want string) *godo.ErrorResponse {
	t.Helper()
	var er *godo.ErrorResponse
	if !errors.As(err, &er) {
		t.Fatalf("error %v is not a godo.ErrorResponse", err)
	}
	if er.Response.StatusCode != status {
		t.Fatalf("status %d, want %d (%s)", er.Response.StatusCode, status, er.Message)
	}
	if !strings.Contains(er.Message, want) {
		t.Fatalf("message %q does not contain %q", er.Message, want)
	}
	if er.RequestID == "" || er.RequestID != er.Response.Header.Get("x-request-id") {
		t.Fatalf("request id %q, header %q", er.RequestID, er.Response.Header.Get("x-request-id"))
	}
	return er
}
