package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Fault makes the next Count /v2 requests whose method is Method (any method if empty) and whose
// path starts with Path answer Status, or wait Delay first and then be served normally (or answer
// Status when both are set).
type Fault struct {
	ID     int      `json:"id"`
	Method string   `json:"method,omitempty"`
	Path   string   `json:"path"`
	Count  int      `json:"count"`
	Status int      `json:"status,omitempty"`
	Delay  Duration `json:"delay,omitempty"`
	// Remaining is how many matching requests the fault still applies to.
	Remaining int `json:"remaining"`
}

// Duration is a time.Duration that reads and writes JSON as a string like "30s".
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"1.5s\"")
	}
	if s == "" {
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a duration such as \"1.5s\"", s)
	}
	if v < 0 {
		return fmt.Errorf("%q is negative", s)
	}
	*d = Duration(v)
	return nil
}

func (f *Fault) validate() string {
	f.Method = strings.ToUpper(strings.TrimSpace(f.Method))
	switch {
	case !strings.HasPrefix(f.Path, "/"):
		return "path is required and must start with /"
	case f.Count < 0:
		return "count must not be negative"
	case f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return "status must be between 400 and 599"
	case f.Status == 0 && f.Delay == 0:
		return "a fault needs a status or a delay"
	}
	if f.Count == 0 {
		f.Count = 1
	}
	f.Remaining = f.Count
	return ""
}

// takeFault finds the first fault matching r and uses one of its applications.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Remaining <= 0 || (f.Method != "" && f.Method != r.Method) || !strings.HasPrefix(r.URL.Path, f.Path) {
			continue
		}
		f.Remaining--
		taken := *f
		if f.Remaining == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return &taken
	}
	return nil
}

// statusClientClosed is what the request log records for a request whose client went away while
// a delay fault held it.
const statusClientClosed = 499

// applyFaults applies a matching fault; false if it answered the request (or the client left).
func (s *Server) applyFaults(w *statusRecorder, r *http.Request) bool {
	f := s.takeFault(r)
	if f == nil {
		return true
	}
	if f.Delay > 0 {
		t := time.NewTimer(time.Duration(f.Delay))
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			w.status = statusClientClosed
			return false
		case <-s.done:
			writeErrorR(w, r, http.StatusServiceUnavailable, "service_unavailable", "The emulator is shutting down.")
			return false
		}
	}
	if f.Status == 0 {
		return true
	}
	if f.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Ratelimit-Remaining", "0")
	}
	id, msg := errorID(f.Status)
	writeErrorR(w, r, f.Status, id, msg)
	return false
}

// RequestRecord is one /v2 request in the request log: never its body or headers.
type RequestRecord struct {
	Method    string `json:"method"`
	Path      string `json:"path"`
	Status    int    `json:"status"`
	Time      string `json:"time"`
	RequestID string `json:"request_id"`
}

const maxRequestLog = 100000

func (s *Server) logRequest(r *http.Request, status int, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) >= maxRequestLog {
		s.requests = s.requests[len(s.requests)-maxRequestLog+1:]
	}
	s.requests = append(s.requests, RequestRecord{
		Method:    r.Method,
		Path:      r.URL.Path,
		Status:    status,
		Time:      at.UTC().Format(time.RFC3339Nano),
		RequestID: requestID(r),
	})
}
