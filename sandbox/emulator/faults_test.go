package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/digitalocean/godo"
)

func statuses(recs []RequestRecord, method, prefix string) []int {
	var out []int
	for _, r := range recs {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r.Status)
		}
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFault429(t *testing.T) {
	e := newEnv(t)
	e.control("POST", "/faults", map[string]any{"method": "GET", "path": "/v2/databases", "count": 1, "status": 429}, 201)

	_, resp, err := e.client.Databases.List(ctx, nil)
	apiErr(t, err, 429, "API rate limit exceeded")
	if resp.Header.Get("Retry-After") != "1" || resp.Header.Get("Ratelimit-Remaining") != "0" || resp.Rate.Remaining != 0 ||
		resp.Header.Get("Ratelimit-Limit") != "5000" || resp.Header.Get("Ratelimit-Reset") == "" {
		t.Fatalf("429 headers %v", resp.Header)
	}
	r, body := e.do("GET", "/v2/databases", nil, testToken)
	if r.StatusCode != 200 {
		t.Fatalf("the fault applied once only: %d %s", r.StatusCode, body)
	}

	// godo retries a 429 after its Retry-After.
	e.control("POST", "/faults", map[string]any{"method": "GET", "path": "/v2/databases", "count": 1, "status": 429}, 201)
	e.control("DELETE", "/requests", nil, 204)
	start := time.Now()
	if _, _, err := e.godo(testToken, 3).Databases.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("godo retried after %v, before the Retry-After of 1s", waited)
	}
	if got := statuses(e.requests(), "GET", "/v2/databases"); !equalInts(got, []int{429, 200}) {
		t.Fatalf("statuses %v", got)
	}
}

func TestFault5xxCount(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("flaky"))
	e.control("POST", "/faults", map[string]any{"method": "GET", "path": "/v2/databases", "count": 3, "status": 503}, 201)
	e.control("DELETE", "/requests", nil, 204)

	// The path is a prefix: GET /v2/databases/{id} matches; other methods do not.
	if _, err := e.client.Databases.UpdateMaintenance(ctx, db.ID, &godo.DatabaseUpdateMaintenanceRequest{Day: "monday", Hour: "01:00"}); err != nil {
		t.Fatalf("PUT is not faulted: %v", err)
	}
	got, _, err := e.godo(testToken, 4).Databases.Get(ctx, db.ID)
	if err != nil || got.ID != db.ID {
		t.Fatalf("with retries: %v", err)
	}
	if st := statuses(e.requests(), "GET", "/v2/databases"); !equalInts(st, []int{503, 503, 503, 200}) {
		t.Fatalf("statuses %v", st)
	}

	// Without retries each faulted request fails until the count is used up.
	e.control("POST", "/faults", map[string]any{"path": "/v2/databases", "count": 2, "status": 500}, 201)
	for i := 0; i < 2; i++ {
		_, _, err := e.client.Databases.List(ctx, nil)
		apiErr(t, err, 500, "Unexpected server-side error")
	}
	if _, _, err := e.client.Databases.List(ctx, nil); err != nil {
		t.Fatal(err)
	}

	// Faults can be listed and cleared.
	e.control("POST", "/faults", map[string]any{"path": "/v2/tags", "count": 5, "status": 502}, 201)
	var faults []Fault
	mustUnmarshal(t, e.control("GET", "/faults", nil, 200), &faults)
	if len(faults) != 1 || faults[0].Remaining != 5 || faults[0].Status != 502 {
		t.Fatalf("faults %+v", faults)
	}
	e.control("DELETE", "/faults", nil, 204)
	if _, _, err := e.client.Tags.List(ctx, nil); err != nil {
		t.Fatalf("after clearing: %v", err)
	}

	// Bad faults are refused.
	for _, f := range []map[string]any{
		{"path": "v2/databases", "status": 500},
		{"path": "/v2", "status": 200},
		{"path": "/v2"},
		{"path": "/v2", "delay": "soon"},
		{"path": "/v2", "count": -1, "status": 500},
	} {
		e.control("POST", "/faults", f, 422)
	}
}

func TestFaultDelay(t *testing.T) {
	e := newEnv(t)
	e.control("POST", "/faults", map[string]any{"method": "POST", "path": "/v2/databases", "count": 1, "delay": "300ms"}, 201)
	start := time.Now()
	e.create(pgRequest("patient"))
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Fatalf("answered after %v", took)
	}

	// A client that goes away ends the delay early, and nothing is created.
	e.control("POST", "/faults", map[string]any{"method": "POST", "path": "/v2/databases", "count": 1, "delay": "30s"}, 201)
	e.control("DELETE", "/requests", nil, 204)
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, _, err := e.client.Databases.Create(cctx, pgRequest("impatient"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if st := statuses(e.requests(), "POST", "/v2/databases"); equalInts(st, []int{statusClientClosed}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the held request did not end: %v", e.requests())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the delay did not end early: %v", took)
	}
	var all []databaseJSON
	mustUnmarshal(t, e.control("GET", "/databases", nil, 200), &all)
	if len(all) != 1 || all[0].Name != "patient" {
		t.Fatalf("clusters %v", all)
	}
	// The fault is used up: the next create is served at once.
	start = time.Now()
	e.create(pgRequest("impatient"))
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("took %v", took)
	}

	// A delay together with a status answers the status after the delay.
	e.control("POST", "/faults", map[string]any{"method": "GET", "path": "/v2/databases/options", "delay": "100ms", "status": 504}, 201)
	start = time.Now()
	_, _, err = e.client.Databases.ListOptions(ctx)
	apiErr(t, err, 504, "did not answer in time")
	if took := time.Since(start); took < 100*time.Millisecond {
		t.Fatalf("took %v", took)
	}
}

func TestEndDelaysOnClose(t *testing.T) {
	e := newEnv(t)
	e.control("POST", "/faults", map[string]any{"path": "/v2/databases", "delay": "1m"}, 201)
	done := make(chan int, 1)
	go func() {
		r, _ := e.do("GET", "/v2/databases", nil, testToken)
		done <- r.StatusCode
	}()
	time.Sleep(100 * time.Millisecond)
	e.srv.EndDelays()
	select {
	case st := <-done:
		if st != http.StatusServiceUnavailable {
			t.Fatalf("status %d", st)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the held request did not end")
	}
}
