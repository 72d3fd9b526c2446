// Package dofake is a small in-memory fake of the DigitalOcean API's database and tag endpoints
// (clusters and their databases, users, pools, firewall and replicas),
// serving godo-shaped JSON, for the provider's tests. It is not the project's emulator (that lives
// in sandbox/emulator); it only has to be right enough to drive the provider through its paths.
package dofake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/digitalocean/godo"
)

// Request is one request the fake saw.
type Request struct {
	Method, Path string
	Body         string
}

func (r Request) String() string { return r.Method + " " + r.Path }

// failure is an injected error answer.
type failure struct {
	method, prefix string
	status         int
	id, message    string
	times          int
}

// Server is the fake API. Set its fields before the calls that should see them.
type Server struct {
	*httptest.Server

	mu sync.Mutex
	// Token the requests must carry as a bearer token.
	Token string
	// GetsUntilOnline is how many GETs of a cluster answer "creating" (or "resizing", "migrating")
	// before it is online.
	GetsUntilOnline int
	// NotFoundGets is how many GETs right after a create answer 404, as DigitalOcean sometimes does.
	NotFoundGets int
	// OmitPasswordOnGet leaves the password out of GET answers (only the create answer has it), of
	// clusters, users, pools and replicas.
	OmitPasswordOnGet bool
	// ReplicaReadyStatus is the status a replica reaches after GetsUntilOnline GETs; DigitalOcean
	// documents "active" (the default here).
	ReplicaReadyStatus string

	clusters  map[string]*cluster
	tags      map[string]bool
	requests  []Request
	failures  []*failure
	nextID    int
	requestNo int
}

type cluster struct {
	db             godo.Database
	countdown      int
	notFound       int
	evictionPolicy string
	sqlMode        string
	children
}

// New starts a fake that expects the bearer token.
func New(token string) *Server {
	s := &Server{Token: token, clusters: map[string]*cluster{}, tags: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Fail makes the next `times` requests whose method matches and whose path starts with prefix
// answer with the status and message (a DigitalOcean error body).
func (s *Server) Fail(method, prefix string, status int, message string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := map[int]string{401: "Unauthorized", 404: "not_found", 422: "unprocessable_entity", 429: "too_many_requests"}[status]
	if id == "" {
		id = "server_error"
	}
	s.failures = append(s.failures, &failure{method: method, prefix: prefix, status: status, id: id, message: message, times: times})
}

// Requests returns what the fake saw, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls lists the requests as "METHOD /path", without GETs when withGets is false.
func (s *Server) Calls(withGets bool) []string {
	var out []string
	for _, r := range s.Requests() {
		if !withGets && r.Method == http.MethodGet {
			continue
		}
		out = append(out, r.String())
	}
	return out
}

// Cluster returns a copy of a cluster as the fake holds it.
func (s *Server) Cluster(id string) (godo.Database, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[id]
	if !ok {
		return godo.Database{}, false
	}
	return c.db, true
}

// Mutate changes a cluster behind the provider's back (drift).
func (s *Server) Mutate(id string, f func(db *godo.Database)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[id]; ok {
		f(&c.db)
	}
}

// SetGetsUntilOnline sets how many more GETs of a cluster answer its current status before it is online.
func (s *Server) SetGetsUntilOnline(id string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[id]; ok {
		c.countdown = n
	}
}

// Remove deletes a cluster behind the provider's back.
func (s *Server) Remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clusters, id)
}

// IDs lists the clusters' ids.
func (s *Server) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id := range s.clusters {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func (s *Server) writeError(w http.ResponseWriter, reqID string, status int, id, message string) {
	w.Header().Set("Content-Type", "application/json")
	if status == http.StatusTooManyRequests {
		w.Header().Set("ratelimit-limit", "5000")
		w.Header().Set("ratelimit-remaining", "0")
		w.Header().Set("ratelimit-reset", strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10))
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "message": message, "request_id": reqID})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requestNo++
	reqID := fmt.Sprintf("req-%04d", s.requestNo)
	w.Header().Set("x-request-id", reqID)
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Body: string(body)})

	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		s.writeError(w, reqID, http.StatusUnauthorized, "Unauthorized", "Unable to authenticate you")
		return
	}
	for _, f := range s.failures {
		if f.times > 0 && f.method == r.Method && strings.HasPrefix(r.URL.Path, f.prefix) {
			f.times--
			s.writeError(w, reqID, f.status, f.id, f.message)
			return
		}
	}

	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) >= 2 && parts[0] == "v2" && parts[1] == "databases":
		s.databases(w, r, reqID, parts[2:], body)
	case len(parts) >= 2 && parts[0] == "v2" && parts[1] == "tags":
		s.tagRoutes(w, r, reqID, parts[2:], body)
	default:
		s.writeError(w, reqID, http.StatusNotFound, "not_found", "The resource you were accessing could not be found.")
	}
}

func (s *Server) notFound(w http.ResponseWriter, reqID string) {
	s.writeError(w, reqID, http.StatusNotFound, "not_found", "The resource you were accessing could not be found.")
}

func (s *Server) databases(w http.ResponseWriter, r *http.Request, reqID string, rest []string, body []byte) {
	if len(rest) == 0 {
		if r.Method != http.MethodPost {
			s.writeError(w, reqID, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
			return
		}
		var req godo.DatabaseCreateRequest
		if err := json.Unmarshal(body, &req); err != nil {
			s.writeError(w, reqID, http.StatusBadRequest, "bad_request", err.Error())
			return
		}
		for _, c := range s.clusters {
			if c.db.Name == req.Name {
				s.writeError(w, reqID, http.StatusUnprocessableEntity, "unprocessable_entity", "name is not available")
				return
			}
		}
		if req.Name == "" || req.EngineSlug == "" || req.SizeSlug == "" || req.Region == "" || req.NumNodes < 1 {
			s.writeError(w, reqID, http.StatusUnprocessableEntity, "unprocessable_entity", "name, engine, size, region and num_nodes are required")
			return
		}
		s.nextID++
		id := fmt.Sprintf("9cc10173-e9ea-4176-9dbc-%012d", s.nextID)
		storage := req.StorageSizeMib
		if storage == 0 {
			storage = 10240
		}
		vpc := req.PrivateNetworkUUID
		if vpc == "" {
			vpc = "d455e75d-4858-4eec-8c95-da2f0a5f93a7"
		}
		project := req.ProjectID
		if project == "" {
			project = "7d6d3a0e-5b5c-4c2a-9d2c-000000000001"
		}
		password := fmt.Sprintf("pw-%s-%d", req.Name, s.nextID)
		host := fmt.Sprintf("%s-do-user-1-0.b.db.ondigitalocean.com", req.Name)
		phost := "private-" + host
		conn := func(h string) *godo.DatabaseConnection {
			return &godo.DatabaseConnection{Protocol: "postgresql", Host: h, Port: 25060, User: "doadmin", Password: password,
				Database: "defaultdb", SSL: true,
				URI: fmt.Sprintf("postgresql://doadmin:%s@%s:25060/defaultdb?sslmode=require", password, h)}
		}
		c := &cluster{
			db: godo.Database{ID: id, Name: req.Name, EngineSlug: req.EngineSlug, VersionSlug: req.Version, SizeSlug: req.SizeSlug,
				RegionSlug: req.Region, NumNodes: req.NumNodes, Status: "creating", CreatedAt: time.Now().UTC().Truncate(time.Second),
				PrivateNetworkUUID: vpc, ProjectID: project, StorageSizeMib: storage, Tags: req.Tags,
				Connection: conn(host), PrivateConnection: conn(phost),
				MetricsEndpoints:  []*godo.ServiceAddress{{Host: host, Port: 9273}},
				MaintenanceWindow: &godo.DatabaseMaintenanceWindow{Day: "tuesday", Hour: "04:00:00"}},
			countdown: s.GetsUntilOnline,
			notFound:  s.NotFoundGets,
			children:  newChildren(password),
		}
		if req.StorageAutoscale != nil {
			a := *req.StorageAutoscale
			c.db.StorageAutoscale = &a
		}
		for _, t := range req.Tags {
			s.tags[t] = true
		}
		s.clusters[id] = c
		writeJSON(w, http.StatusCreated, map[string]any{"database": c.db})
		return
	}
	c, ok := s.clusters[rest[0]]
	if !ok {
		if rp := s.replicaByID(rest[0]); rp != nil && len(rest) == 2 && rest[1] == "resize" && r.Method == http.MethodPut {
			s.resizeReplica(w, rp, body)
			return
		}
		s.notFound(w, reqID)
		return
	}
	if len(rest) >= 2 && childKinds[rest[1]] {
		s.children(w, r, reqID, c, rest[1:], body)
		return
	}
	if len(rest) == 1 {
		switch r.Method {
		case http.MethodGet:
			if c.notFound > 0 {
				c.notFound--
				s.notFound(w, reqID)
				return
			}
			if c.db.Status != "online" {
				if c.countdown > 0 {
					c.countdown--
				} else {
					c.db.Status = "online"
				}
			}
			db := c.db
			if s.OmitPasswordOnGet {
				db.Connection, db.PrivateConnection = withoutPassword(db.Connection), withoutPassword(db.PrivateConnection)
			}
			writeJSON(w, http.StatusOK, map[string]any{"database": db})
		case http.MethodDelete:
			delete(s.clusters, c.db.ID)
			w.WriteHeader(http.StatusNoContent)
		default:
			s.writeError(w, reqID, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
		}
		return
	}
	switch rest[1] + " " + r.Method {
	case "resize PUT":
		var req godo.DatabaseResizeRequest
		_ = json.Unmarshal(body, &req)
		c.db.SizeSlug, c.db.NumNodes = req.SizeSlug, req.NumNodes
		if req.StorageSizeMib > 0 {
			c.db.StorageSizeMib = req.StorageSizeMib
		}
		c.db.Status, c.countdown = "resizing", s.GetsUntilOnline
		w.WriteHeader(http.StatusAccepted)
	case "migrate PUT":
		var req godo.DatabaseMigrateRequest
		_ = json.Unmarshal(body, &req)
		c.db.RegionSlug = req.Region
		c.db.Status, c.countdown = "migrating", s.GetsUntilOnline
		w.WriteHeader(http.StatusAccepted)
	case "upgrade PUT":
		var req godo.UpgradeVersionRequest
		_ = json.Unmarshal(body, &req)
		c.db.VersionSlug = req.Version
		w.WriteHeader(http.StatusNoContent)
	case "maintenance PUT":
		var req godo.DatabaseUpdateMaintenanceRequest
		_ = json.Unmarshal(body, &req)
		c.db.MaintenanceWindow = &godo.DatabaseMaintenanceWindow{Day: req.Day, Hour: req.Hour + ":00"}
		w.WriteHeader(http.StatusNoContent)
	case "eviction_policy PUT":
		var req struct {
			EvictionPolicy string `json:"eviction_policy"`
		}
		_ = json.Unmarshal(body, &req)
		c.evictionPolicy = req.EvictionPolicy
		w.WriteHeader(http.StatusNoContent)
	case "eviction_policy GET":
		writeJSON(w, http.StatusOK, map[string]string{"eviction_policy": c.evictionPolicy})
	case "sql_mode PUT":
		var req struct {
			SQLMode string `json:"sql_mode"`
		}
		_ = json.Unmarshal(body, &req)
		c.sqlMode = req.SQLMode
		w.WriteHeader(http.StatusNoContent)
	case "sql_mode GET":
		writeJSON(w, http.StatusOK, map[string]string{"sql_mode": c.sqlMode})
	case "autoscale PUT":
		var req struct {
			StorageAutoscale *godo.DatabaseStorageAutoscale `json:"storage"` // godo's shape
		}
		_ = json.Unmarshal(body, &req)
		c.db.StorageAutoscale = req.StorageAutoscale
		w.WriteHeader(http.StatusNoContent)
	case "autoscale GET":
		writeJSON(w, http.StatusOK, map[string]any{"storage": c.db.StorageAutoscale})
	default:
		s.notFound(w, reqID)
	}
}

// withoutPassword is a connection as a GET that leaves the password out answers it.
func withoutPassword(conn *godo.DatabaseConnection) *godo.DatabaseConnection {
	if conn == nil {
		return nil
	}
	cc := *conn
	cc.Password = ""
	cc.URI = strings.Replace(cc.URI, ":"+conn.Password+"@", "@", 1)
	return &cc
}

func (s *Server) tagRoutes(w http.ResponseWriter, r *http.Request, reqID string, rest []string, body []byte) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodPost:
		var req godo.TagCreateRequest
		_ = json.Unmarshal(body, &req)
		s.tags[req.Name] = true
		writeJSON(w, http.StatusCreated, map[string]any{"tag": map[string]any{"name": req.Name,
			"resources": map[string]any{"count": 0}}})
	case len(rest) == 2 && rest[1] == "resources" && (r.Method == http.MethodPost || r.Method == http.MethodDelete):
		tag := rest[0]
		if !s.tags[tag] {
			s.notFound(w, reqID)
			return
		}
		var req godo.TagResourcesRequest
		_ = json.Unmarshal(body, &req)
		for _, res := range req.Resources {
			c, ok := s.clusters[res.ID]
			if !ok || res.Type != godo.DatabaseResourceType {
				s.writeError(w, reqID, http.StatusUnprocessableEntity, "unprocessable_entity", "resource not found")
				return
			}
			var kept []string
			for _, t := range c.db.Tags {
				if t != tag {
					kept = append(kept, t)
				}
			}
			if r.Method == http.MethodPost {
				kept = append(kept, tag)
			}
			c.db.Tags = kept
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		s.notFound(w, reqID)
	}
}
