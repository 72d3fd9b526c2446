package dofake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/digitalocean/godo"
)

// A cluster's databases, users, connection pools, firewall rules and read-only replicas.

// childKinds are the path segments under /v2/databases/{id} served here.
var childKinds = map[string]bool{"dbs": true, "users": true, "pools": true, "firewall": true, "replicas": true}

type replica struct {
	r         godo.DatabaseReplica
	countdown int
}

type children struct {
	dbs      map[string]bool
	users    map[string]*godo.DatabaseUser
	pools    map[string]*godo.DatabasePool
	rules    []godo.DatabaseFirewallRule
	replicas map[string]*replica
}

// newChildren holds what a new cluster has: database defaultdb and user doadmin.
func newChildren(adminPassword string) children {
	return children{
		dbs:      map[string]bool{"defaultdb": true},
		users:    map[string]*godo.DatabaseUser{"doadmin": {Name: "doadmin", Role: "primary", Password: adminPassword}},
		pools:    map[string]*godo.DatabasePool{},
		replicas: map[string]*replica{},
	}
}

// DB says whether the cluster has the database.
func (s *Server) DB(clusterID, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[clusterID]
	return ok && c.dbs[name]
}

// User returns a copy of a user as the fake holds it.
func (s *Server) User(clusterID, name string) (godo.DatabaseUser, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.users[name] != nil {
		return *c.users[name], true
	}
	return godo.DatabaseUser{}, false
}

// MutateUser changes a user behind the provider's back (a password reset from elsewhere).
func (s *Server) MutateUser(clusterID, name string, f func(u *godo.DatabaseUser)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.users[name] != nil {
		f(c.users[name])
	}
}

// Pool returns a copy of a connection pool as the fake holds it.
func (s *Server) Pool(clusterID, name string) (godo.DatabasePool, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.pools[name] != nil {
		return *c.pools[name], true
	}
	return godo.DatabasePool{}, false
}

// FirewallRules returns the cluster's firewall rules.
func (s *Server) FirewallRules(clusterID string) []godo.DatabaseFirewallRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok {
		return append([]godo.DatabaseFirewallRule(nil), c.rules...)
	}
	return nil
}

// Replica returns a copy of a replica as the fake holds it.
func (s *Server) Replica(clusterID, name string) (godo.DatabaseReplica, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.replicas[name] != nil {
		return c.replicas[name].r, true
	}
	return godo.DatabaseReplica{}, false
}

// MutateReplica changes a replica behind the provider's back (drift).
func (s *Server) MutateReplica(clusterID, name string, f func(r *godo.DatabaseReplica)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.replicas[name] != nil {
		f(&c.replicas[name].r)
	}
}

// SetReplicaGetsUntilReady sets how many more GETs of a replica answer its current status before it is ready.
func (s *Server) SetReplicaGetsUntilReady(clusterID, name string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters[clusterID]; ok && c.replicas[name] != nil {
		c.replicas[name].countdown = n
	}
}

// RemoveChild deletes a cluster's database, user, pool or replica behind the provider's back;
// kind is the path segment: dbs, users, pools or replicas.
func (s *Server) RemoveChild(clusterID, kind, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[clusterID]
	if !ok {
		return
	}
	switch kind {
	case "dbs":
		delete(c.dbs, name)
	case "users":
		delete(c.users, name)
	case "pools":
		delete(c.pools, name)
	case "replicas":
		delete(c.replicas, name)
	}
}

func (s *Server) replicaByID(id string) *replica {
	for _, c := range s.clusters {
		for _, rp := range c.replicas {
			if rp.r.ID == id {
				return rp
			}
		}
	}
	return nil
}

func (s *Server) children(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	switch rest[0] {
	case "dbs":
		s.dbRoutes(w, r, reqID, c, rest[1:], body)
	case "users":
		s.userRoutes(w, r, reqID, c, rest[1:], body)
	case "pools":
		s.poolRoutes(w, r, reqID, c, rest[1:], body)
	case "firewall":
		s.firewallRoutes(w, r, reqID, c, rest[1:], body)
	case "replicas":
		s.replicaRoutes(w, r, reqID, c, rest[1:], body)
	}
}

func (s *Server) unprocessable(w http.ResponseWriter, reqID, message string) {
	s.writeError(w, reqID, http.StatusUnprocessableEntity, "unprocessable_entity", message)
}

func (s *Server) notAllowed(w http.ResponseWriter, reqID string) {
	s.writeError(w, reqID, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
}

func (s *Server) dbRoutes(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodPost:
		var req godo.DatabaseCreateDBRequest
		_ = json.Unmarshal(body, &req)
		if req.Name == "" || c.dbs[req.Name] {
			s.unprocessable(w, reqID, fmt.Sprintf("database %q is not available", req.Name))
			return
		}
		c.dbs[req.Name] = true
		writeJSON(w, http.StatusCreated, map[string]any{"db": godo.DatabaseDB{Name: req.Name}})
	case len(rest) == 1 && !c.dbs[rest[0]]:
		s.notFound(w, reqID)
	case len(rest) == 1 && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{"db": godo.DatabaseDB{Name: rest[0]}})
	case len(rest) == 1 && r.Method == http.MethodDelete:
		delete(c.dbs, rest[0])
		w.WriteHeader(http.StatusNoContent)
	default:
		s.notAllowed(w, reqID)
	}
}

// withACLIDs gives the Kafka ACLs of new settings the ids DigitalOcean assigns.
func (s *Server) withACLIDs(settings *godo.DatabaseUserSettings) *godo.DatabaseUserSettings {
	if settings == nil {
		return nil
	}
	out := *settings
	out.ACL = nil
	for _, a := range settings.ACL {
		acl := *a
		if acl.ID == "" {
			s.nextID++
			acl.ID = fmt.Sprintf("acl-%d", s.nextID)
		}
		out.ACL = append(out.ACL, &acl)
	}
	return &out
}

func (s *Server) userRoutes(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	// A GET has no settings (DigitalOcean answers them only to a create or an update).
	answer := func(status int, u *godo.DatabaseUser, withSettings bool) {
		out := *u
		if !withSettings {
			out.Settings = nil
		}
		if s.OmitPasswordOnGet && r.Method == http.MethodGet {
			out.Password = ""
		}
		writeJSON(w, status, map[string]any{"user": out})
	}
	if len(rest) == 0 && r.Method == http.MethodPost {
		var req godo.DatabaseCreateUserRequest
		_ = json.Unmarshal(body, &req)
		if req.Name == "" || c.users[req.Name] != nil {
			s.unprocessable(w, reqID, fmt.Sprintf("user %q is not available", req.Name))
			return
		}
		s.nextID++
		u := &godo.DatabaseUser{Name: req.Name, Role: "normal", Password: fmt.Sprintf("pw-%s-%d", req.Name, s.nextID),
			MySQLSettings: req.MySQLSettings, Settings: s.withACLIDs(req.Settings)}
		switch c.db.EngineSlug {
		case "mysql":
			if u.MySQLSettings == nil {
				u.MySQLSettings = &godo.DatabaseMySQLUserSettings{AuthPlugin: godo.SQLAuthPluginCachingSHA2}
			}
		case "kafka":
			u.AccessCert, u.AccessKey = "cert-"+req.Name, "key-"+req.Name
		}
		c.users[req.Name] = u
		answer(http.StatusCreated, u, true)
		return
	}
	if len(rest) == 0 {
		s.notAllowed(w, reqID)
		return
	}
	u := c.users[rest[0]]
	if u == nil {
		s.notFound(w, reqID)
		return
	}
	switch {
	case len(rest) == 1 && r.Method == http.MethodGet:
		answer(http.StatusOK, u, false)
	case len(rest) == 1 && r.Method == http.MethodPut:
		var req godo.DatabaseUpdateUserRequest
		_ = json.Unmarshal(body, &req)
		u.Settings = s.withACLIDs(req.Settings)
		answer(http.StatusCreated, u, true)
	case len(rest) == 1 && r.Method == http.MethodDelete:
		if u.Role == "primary" {
			s.unprocessable(w, reqID, "the default user cannot be deleted")
			return
		}
		delete(c.users, u.Name)
		w.WriteHeader(http.StatusNoContent)
	case len(rest) == 2 && rest[1] == "reset_auth" && r.Method == http.MethodPost:
		var req godo.DatabaseResetUserAuthRequest
		_ = json.Unmarshal(body, &req)
		s.nextID++
		u.Password = fmt.Sprintf("pw-%s-%d", u.Name, s.nextID)
		if req.MySQLSettings != nil {
			u.MySQLSettings = req.MySQLSettings
		}
		answer(http.StatusOK, u, false)
	default:
		s.notAllowed(w, reqID)
	}
}

// connection is how a cluster's database is reached as a user, publicly or privately.
func connection(db godo.Database, private bool, user, password, database string) *godo.DatabaseConnection {
	base := db.Connection
	if private {
		base = db.PrivateConnection
	}
	if base == nil {
		return nil
	}
	return &godo.DatabaseConnection{Protocol: base.Protocol, Host: base.Host, Port: base.Port, User: user, Password: password,
		Database: database, SSL: base.SSL,
		URI: fmt.Sprintf("%s://%s:%s@%s:%d/%s?sslmode=require", base.Protocol, user, password, base.Host, base.Port, database)}
}

func (s *Server) poolRoutes(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	answer := func(status int, p *godo.DatabasePool) {
		out := *p
		if s.OmitPasswordOnGet && r.Method == http.MethodGet {
			out.Connection, out.PrivateConnection = withoutPassword(out.Connection), withoutPassword(out.PrivateConnection)
		}
		writeJSON(w, status, map[string]any{"pool": out})
	}
	if len(rest) == 0 && r.Method == http.MethodPost {
		var req godo.DatabaseCreatePoolRequest
		_ = json.Unmarshal(body, &req)
		switch {
		case c.db.EngineSlug != "pg":
			s.unprocessable(w, reqID, "connection pools are only supported for PostgreSQL clusters")
			return
		case req.Name == "" || c.pools[req.Name] != nil:
			s.unprocessable(w, reqID, fmt.Sprintf("pool %q is not available", req.Name))
			return
		case !c.dbs[req.Database]:
			s.unprocessable(w, reqID, fmt.Sprintf("database %q does not exist", req.Database))
			return
		case req.User != "" && c.users[req.User] == nil:
			s.unprocessable(w, reqID, fmt.Sprintf("user %q does not exist", req.User))
			return
		}
		// The pool is reached as its user (the cluster's default user when it has none).
		login := c.users["doadmin"]
		if req.User != "" {
			login = c.users[req.User]
		}
		p := &godo.DatabasePool{User: req.User, Name: req.Name, Size: req.Size, Database: req.Database, Mode: req.Mode,
			Connection:        connection(c.db, false, login.Name, login.Password, req.Name),
			PrivateConnection: connection(c.db, true, login.Name, login.Password, req.Name)}
		c.pools[req.Name] = p
		answer(http.StatusCreated, p)
		return
	}
	if len(rest) != 1 {
		s.notAllowed(w, reqID)
		return
	}
	p := c.pools[rest[0]]
	switch {
	case p == nil:
		s.notFound(w, reqID)
	case r.Method == http.MethodGet:
		answer(http.StatusOK, p)
	case r.Method == http.MethodDelete:
		delete(c.pools, p.Name)
		w.WriteHeader(http.StatusNoContent)
	default:
		s.notAllowed(w, reqID)
	}
}

var firewallRuleTypes = map[string]bool{"ip_addr": true, "droplet": true, "k8s": true, "tag": true, "app": true}

// isIPv6 says whether an ip_addr value is an IPv6 address or block, which DigitalOcean refuses.
func isIPv6(v string) bool {
	addr, err := netip.ParseAddr(strings.Split(v, "/")[0])
	return err == nil && addr.Is6()
}

func (s *Server) firewallRoutes(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		rules := c.rules
		if rules == nil {
			rules = []godo.DatabaseFirewallRule{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"rules": rules})
	case len(rest) == 0 && r.Method == http.MethodPut:
		var req godo.DatabaseUpdateFirewallRulesRequest
		if err := json.Unmarshal(body, &req); err != nil {
			s.writeError(w, reqID, http.StatusBadRequest, "bad_request", err.Error())
			return
		}
		// The PUT replaces the whole set; a rule that names the uuid of a kept rule stays that rule.
		old := map[string]godo.DatabaseFirewallRule{}
		for _, rule := range c.rules {
			old[rule.UUID] = rule
		}
		var rules []godo.DatabaseFirewallRule
		for _, in := range req.Rules {
			if in == nil || !firewallRuleTypes[in.Type] || in.Value == "" {
				s.unprocessable(w, reqID, "invalid firewall rule")
				return
			}
			if in.Type == "ip_addr" && isIPv6(in.Value) {
				s.unprocessable(w, reqID, "You cannot add IPv6 addresses as trusted sources.")
				return
			}
			rule, kept := old[in.UUID]
			if !kept || in.UUID == "" {
				s.nextID++
				rule = godo.DatabaseFirewallRule{UUID: fmt.Sprintf("79f26d28-ea8a-41f2-8ad8-%012d", s.nextID),
					CreatedAt: time.Now().UTC().Truncate(time.Second)}
			}
			rule.ClusterUUID, rule.Type, rule.Value = c.db.ID, in.Type, in.Value
			rules = append(rules, rule)
		}
		c.rules = rules
		w.WriteHeader(http.StatusNoContent)
	default:
		s.notAllowed(w, reqID)
	}
}

func (s *Server) replicaRoutes(w http.ResponseWriter, r *http.Request, reqID string, c *cluster, rest []string, body []byte) {
	answer := func(status int, rp *replica) {
		out := rp.r
		if s.OmitPasswordOnGet && r.Method == http.MethodGet {
			out.Connection, out.PrivateConnection = withoutPassword(out.Connection), withoutPassword(out.PrivateConnection)
		}
		writeJSON(w, status, map[string]any{"replica": out})
	}
	if len(rest) == 0 && r.Method == http.MethodPost {
		var req godo.DatabaseCreateReplicaRequest
		_ = json.Unmarshal(body, &req)
		switch {
		case c.db.EngineSlug != "pg" && c.db.EngineSlug != "mysql":
			s.unprocessable(w, reqID, "read-only replicas are only supported for PostgreSQL and MySQL clusters")
			return
		case req.Name == "" || req.Size == "" || c.replicas[req.Name] != nil:
			s.unprocessable(w, reqID, "name and size are required, and the name must be available")
			return
		}
		s.nextID++
		region, vpc, storage := req.Region, req.PrivateNetworkUUID, req.StorageSizeMib
		if region == "" {
			region = c.db.RegionSlug
		}
		if vpc == "" {
			vpc = c.db.PrivateNetworkUUID
		}
		if storage == 0 {
			storage = c.db.StorageSizeMib
		}
		admin := c.users["doadmin"]
		conn := func(private bool) *godo.DatabaseConnection {
			cc := connection(c.db, private, admin.Name, admin.Password, "defaultdb")
			cc.Host = "replica-" + req.Name + "-" + cc.Host
			cc.URI = fmt.Sprintf("%s://%s:%s@%s:%d/defaultdb?sslmode=require", cc.Protocol, cc.User, cc.Password, cc.Host, cc.Port)
			return cc
		}
		rp := &replica{r: godo.DatabaseReplica{ID: fmt.Sprintf("5e8a1b2c-3d4e-4f60-8a9b-%012d", s.nextID), Name: req.Name,
			Region: region, Size: req.Size, Status: "forking", CreatedAt: time.Now().UTC().Truncate(time.Second),
			PrivateNetworkUUID: vpc, Tags: req.Tags, StorageSizeMib: storage, Connection: conn(false), PrivateConnection: conn(true)},
			countdown: s.GetsUntilOnline}
		c.replicas[req.Name] = rp
		answer(http.StatusCreated, rp)
		return
	}
	if len(rest) == 0 && r.Method == http.MethodGet {
		names := make([]string, 0, len(c.replicas))
		for n := range c.replicas {
			names = append(names, n)
		}
		sort.Strings(names)
		list := []godo.DatabaseReplica{}
		for _, n := range names {
			list = append(list, c.replicas[n].r)
		}
		writeJSON(w, http.StatusOK, map[string]any{"replicas": list})
		return
	}
	if len(rest) != 1 {
		s.notAllowed(w, reqID)
		return
	}
	rp := c.replicas[rest[0]]
	switch {
	case rp == nil:
		s.notFound(w, reqID)
	case r.Method == http.MethodGet:
		ready := s.ReplicaReadyStatus
		if ready == "" {
			ready = "active"
		}
		if rp.r.Status != ready {
			if rp.countdown > 0 {
				rp.countdown--
			} else {
				rp.r.Status = ready
			}
		}
		answer(http.StatusOK, rp)
	case r.Method == http.MethodDelete:
		delete(c.replicas, rp.r.Name)
		w.WriteHeader(http.StatusNoContent)
	default:
		s.notAllowed(w, reqID)
	}
}

// resizeReplica serves PUT /v2/databases/{replica id}/resize: a replica resizes through the
// cluster endpoint, by its own id.
func (s *Server) resizeReplica(w http.ResponseWriter, rp *replica, body []byte) {
	var req godo.DatabaseResizeRequest
	_ = json.Unmarshal(body, &req)
	rp.r.Size = req.SizeSlug
	if req.StorageSizeMib > 0 {
		rp.r.StorageSizeMib = req.StorageSizeMib
	}
	rp.r.Status, rp.countdown = "resizing", s.GetsUntilOnline
	w.WriteHeader(http.StatusAccepted)
}
