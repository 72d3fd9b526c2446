// Package emulator emulates the parts of DigitalOcean's API that manage database clusters
// (/v2/databases, /v2/tags), with a control API under /_emulator for tests: drift, faults,
// runtime settings and a request log. A pg cluster can be backed by a real PostgreSQL server so
// its connection URI connects.
package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config configures a Server.
type Config struct {
	// Tokens are the bearer tokens /v2 requests may carry; at least one is needed.
	Tokens []string
	// CreateDelay is how long a new cluster stays "creating" (or "forking").
	CreateDelay time.Duration
	// ResizeDelay is how long a cluster stays "resizing" or "migrating".
	ResizeDelay time.Duration
	// NameHold is how long the name of a deleted cluster stays unavailable.
	NameHold time.Duration
	// Backend, if not nil, gives each pg cluster a real role and database.
	Backend Backend
	// Now is the clock; time.Now if nil.
	Now func() time.Time
	// Logger receives operational messages (never tokens, passwords or bodies); log.Default() if nil.
	Logger *log.Logger
}

// Server is the emulator; it is an http.Handler. Create it with New.
type Server struct {
	tokens  [][]byte
	backend Backend
	now     func() time.Time
	logger  *log.Logger
	mux     *http.ServeMux
	// done is closed by Close so that requests held back by a delay fault end.
	done      chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	settings Settings
	clusters map[string]*cluster
	order    []string             // cluster ids in creation order
	reserved map[string]bool      // names of clusters being created
	released map[string]time.Time // name -> when its cluster was deleted
	tags     map[string]*tag      // lower-cased name -> tag
	faults   []*Fault
	faultSeq int
	requests []RequestRecord
	rate     rateWindow
}

// Settings are the delays that can change at runtime.
type Settings struct {
	CreateDelay time.Duration
	ResizeDelay time.Duration
	NameHold    time.Duration
}

// New makes a Server.
func New(cfg Config) (*Server, error) {
	if len(cfg.Tokens) == 0 {
		return nil, errors.New("at least one API token is needed")
	}
	s := &Server{
		backend:  cfg.Backend,
		now:      cfg.Now,
		logger:   cfg.Logger,
		done:     make(chan struct{}),
		settings: Settings{CreateDelay: cfg.CreateDelay, ResizeDelay: cfg.ResizeDelay, NameHold: cfg.NameHold},
		clusters: map[string]*cluster{},
		reserved: map[string]bool{},
		released: map[string]time.Time{},
		tags:     map[string]*tag{},
	}
	for _, t := range cfg.Tokens {
		if t == "" {
			return nil, errors.New("an API token is empty")
		}
		s.tokens = append(s.tokens, []byte(t))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = log.Default()
	}
	s.routes()
	return s, nil
}

// EndDelays ends the requests that delay faults hold back (they answer 503), now and later.
func (s *Server) EndDelays() {
	s.closeOnce.Do(func() { close(s.done) })
}

// Close ends requests held back by delay faults and removes the backing roles and databases of
// the clusters still alive (the emulator's state does not outlive it).
func (s *Server) Close(ctx context.Context) error {
	s.EndDelays()
	if s.backend == nil {
		return nil
	}
	s.mu.Lock()
	var backed []string
	for _, id := range s.order {
		if c := s.clusters[id]; c.backing != nil {
			backed = append(backed, id)
			c.backing = nil
		}
	}
	s.mu.Unlock()
	var errs []error
	for _, id := range backed {
		if err := s.backend.Deprovision(ctx, id); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *Server) routes() {
	m := http.NewServeMux()
	v2 := func(pattern string, h http.HandlerFunc) { m.Handle(pattern, s.api(h)) }

	v2("GET /v2/databases", s.listDatabases)
	v2("POST /v2/databases", s.createDatabase)
	v2("GET /v2/databases/options", s.getOptions)
	v2("GET /v2/databases/{id}", s.getDatabase)
	v2("DELETE /v2/databases/{id}", s.deleteDatabase)
	v2("PUT /v2/databases/{id}/resize", s.resizeDatabase)
	v2("PUT /v2/databases/{id}/migrate", s.migrateDatabase)
	v2("PUT /v2/databases/{id}/upgrade", s.upgradeDatabase)
	v2("GET /v2/databases/{id}/maintenance", s.getMaintenance)
	v2("PUT /v2/databases/{id}/maintenance", s.putMaintenance)
	v2("GET /v2/databases/{id}/eviction_policy", s.getEvictionPolicy)
	v2("PUT /v2/databases/{id}/eviction_policy", s.putEvictionPolicy)
	v2("GET /v2/databases/{id}/sql_mode", s.getSQLMode)
	v2("PUT /v2/databases/{id}/sql_mode", s.putSQLMode)
	v2("GET /v2/databases/{id}/autoscale", s.getAutoscale)
	v2("PUT /v2/databases/{id}/autoscale", s.putAutoscale)
	v2("GET /v2/databases/{id}/dbs", s.listDBs)
	v2("POST /v2/databases/{id}/dbs", s.createDB)
	v2("GET /v2/databases/{id}/dbs/{name}", s.getDB)
	v2("DELETE /v2/databases/{id}/dbs/{name}", s.deleteDB)
	v2("GET /v2/databases/{id}/users", s.listUsers)
	v2("POST /v2/databases/{id}/users", s.createUser)
	v2("GET /v2/databases/{id}/users/{name}", s.getUser)
	v2("PUT /v2/databases/{id}/users/{name}", s.updateUser)
	v2("DELETE /v2/databases/{id}/users/{name}", s.deleteUser)
	v2("POST /v2/databases/{id}/users/{name}/reset_auth", s.resetUserAuth)
	v2("GET /v2/databases/{id}/pools", s.listPools)
	v2("POST /v2/databases/{id}/pools", s.createPool)
	v2("GET /v2/databases/{id}/pools/{name}", s.getPool)
	v2("PUT /v2/databases/{id}/pools/{name}", s.updatePool)
	v2("DELETE /v2/databases/{id}/pools/{name}", s.deletePool)
	v2("GET /v2/databases/{id}/firewall", s.getFirewall)
	v2("PUT /v2/databases/{id}/firewall", s.putFirewall)
	v2("GET /v2/databases/{id}/replicas", s.listReplicas)
	v2("POST /v2/databases/{id}/replicas", s.createReplica)
	v2("GET /v2/databases/{id}/replicas/{name}", s.getReplica)
	v2("DELETE /v2/databases/{id}/replicas/{name}", s.deleteReplica)

	v2("GET /v2/tags", s.listTags)
	v2("POST /v2/tags", s.createTag)
	v2("GET /v2/tags/{tag}", s.getTag)
	v2("DELETE /v2/tags/{tag}", s.deleteTag)
	v2("POST /v2/tags/{tag}/resources", s.tagResources)
	v2("DELETE /v2/tags/{tag}/resources", s.untagResources)

	v2("/v2/", s.notFound)

	m.HandleFunc("GET /_emulator/databases", s.controlListDatabases)
	m.HandleFunc("GET /_emulator/databases/{id}", s.controlGetDatabase)
	m.HandleFunc("PATCH /_emulator/databases/{id}", s.controlPatchDatabase)
	m.HandleFunc("DELETE /_emulator/databases/{id}", s.controlDeleteDatabase)
	m.HandleFunc("GET /_emulator/faults", s.controlListFaults)
	m.HandleFunc("POST /_emulator/faults", s.controlAddFault)
	m.HandleFunc("DELETE /_emulator/faults", s.controlClearFaults)
	m.HandleFunc("GET /_emulator/settings", s.controlGetSettings)
	m.HandleFunc("PUT /_emulator/settings", s.controlPutSettings)
	m.HandleFunc("GET /_emulator/requests", s.controlListRequests)
	m.HandleFunc("DELETE /_emulator/requests", s.controlClearRequests)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "The resource you were accessing could not be found.")
	})
	s.mux = m
}

// ServeHTTP serves the DigitalOcean API and the control API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := newUUID()
	w.Header().Set("X-Request-Id", id)
	r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
	s.mux.ServeHTTP(w, r)
}

type requestIDKey struct{}

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// api wraps a /v2 handler: rate-limit headers, the request log, authentication and faults.
func (s *Server) api(handler http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() { s.logRequest(r, rec.statusOrDefault(), start) }()

		limit, remaining, reset := s.takeRate(start)
		hdr := w.Header()
		hdr.Set("Ratelimit-Limit", strconv.Itoa(limit))
		hdr.Set("Ratelimit-Remaining", strconv.Itoa(remaining))
		hdr.Set("Ratelimit-Reset", strconv.FormatInt(reset, 10))

		if !s.authorized(r) {
			writeErrorR(rec, r, http.StatusUnauthorized, "Unauthorized", "Unable to authenticate you")
			return
		}
		// Read the body to its end first: only then does net/http notice a client that goes away
		// (which ends a delay fault early).
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			writeErrorR(rec, r, http.StatusBadRequest, "bad_request", "the request body could not be read")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !s.applyFaults(rec, r) {
			return
		}
		handler(rec, r)
	})
}

func (s *Server) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	token = strings.TrimSpace(token)
	match := 0
	for _, t := range s.tokens {
		match |= subtle.ConstantTimeCompare([]byte(token), t)
	}
	return match == 1
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeNotFound(w, r)
}

// rateWindow counts requests per hour to fill DigitalOcean's rate-limit headers; the emulator
// never refuses a request for its rate (a fault does that).
type rateWindow struct {
	start time.Time
	count int
}

const rateLimitPerHour = 5000

func (s *Server) takeRate(now time.Time) (limit, remaining int, reset int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &s.rate
	if w.start.IsZero() || now.Sub(w.start) >= time.Hour {
		w.start = now
		w.count = 0
	}
	w.count++
	remaining = rateLimitPerHour - w.count
	if remaining < 0 {
		remaining = 0
	}
	return rateLimitPerHour, remaining, w.start.Add(time.Hour).Unix()
}

// statusRecorder remembers the status a handler wrote, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) statusOrDefault() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// apiError is DigitalOcean's error body.
type apiError struct {
	ID        string `json:"id"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"id":"server_error","message":"Unexpected server-side error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

func writeError(w http.ResponseWriter, status int, id, message string) {
	writeJSON(w, status, apiError{ID: id, Message: message, RequestID: w.Header().Get("X-Request-Id")})
}

func writeErrorR(w http.ResponseWriter, r *http.Request, status int, id, message string) {
	writeJSON(w, status, apiError{ID: id, Message: message, RequestID: requestID(r)})
}

func writeNotFound(w http.ResponseWriter, r *http.Request) {
	writeErrorR(w, r, http.StatusNotFound, "not_found", "The resource you were accessing could not be found.")
}

func writeUnprocessable(w http.ResponseWriter, r *http.Request, format string, args ...any) {
	writeErrorR(w, r, http.StatusUnprocessableEntity, "unprocessable_entity", fmt.Sprintf(format, args...))
}

func writeNoContent(w http.ResponseWriter, status int) {
	w.WriteHeader(status)
}

// errorID is DigitalOcean's error id for a status.
func errorID(status int) (id, message string) {
	switch status {
	case http.StatusBadRequest:
		return "bad_request", "The request could not be understood."
	case http.StatusUnauthorized:
		return "Unauthorized", "Unable to authenticate you"
	case http.StatusForbidden:
		return "forbidden", "You do not have access for the attempted action."
	case http.StatusNotFound:
		return "not_found", "The resource you were accessing could not be found."
	case http.StatusConflict:
		return "conflict", "The request conflicts with the current state of the resource."
	case http.StatusUnprocessableEntity:
		return "unprocessable_entity", "request payload validation failed"
	case http.StatusTooManyRequests:
		return "too_many_requests", "API rate limit exceeded."
	case http.StatusInternalServerError:
		return "server_error", "Unexpected server-side error"
	case http.StatusBadGateway:
		return "bad_gateway", "Bad gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable", "The service is temporarily unavailable. Please try again later."
	case http.StatusGatewayTimeout:
		return "gateway_timeout", "The server did not answer in time."
	}
	text := http.StatusText(status)
	if text == "" {
		text = "error " + strconv.Itoa(status)
	}
	return strings.ReplaceAll(strings.ToLower(text), " ", "_"), text
}

const maxBody = 1 << 20

// decodeBody reads a JSON request body into v; it answers 400 itself and returns false on error.
// An empty body decodes as {}.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		writeErrorR(w, r, http.StatusBadRequest, "bad_request", "the request body could not be read")
		return false
	}
	if len(data) > maxBody {
		writeErrorR(w, r, http.StatusRequestEntityTooLarge, "request_too_large", "the request body is larger than 1 MiB")
		return false
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		data = []byte("{}")
	}
	if err := json.Unmarshal(data, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			writeUnprocessable(w, r, "%s: must be of type %s", te.Field, jsonTypeName(te.Type.Kind().String()))
			return false
		}
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			writeErrorR(w, r, http.StatusBadRequest, "bad_request", "the request body is not valid JSON")
			return false
		}
		writeUnprocessable(w, r, "%s", err.Error())
		return false
	}
	return true
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	default:
		return "number"
	}
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

const passwordAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newPassword is a random password of letters and digits, as DigitalOcean's are.
func newPassword() string {
	out := make([]byte, 0, 24)
	buf := make([]byte, 32)
	for len(out) < cap(out) {
		_, _ = rand.Read(buf)
		for _, c := range buf {
			// 248 = 4 * 62: dropping bytes above it keeps every character equally likely.
			if c < 248 && len(out) < cap(out) {
				out = append(out, passwordAlphabet[int(c)%len(passwordAlphabet)])
			}
		}
	}
	return string(out)
}
