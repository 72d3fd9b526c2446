package emulator

// The connection pools of a pg cluster: /v2/databases/{id}/pools. There is no PgBouncer: a backed
// cluster's pool connects straight to the backing server, to the pool's database as the pool's user.

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

type pool struct {
	Name string
	Mode string
	Size int
	DB   string
	User string // "" when sessions connect as the inbound user
}

var poolModes = []string{"session", "transaction", "statement"}

// poolPort is where DigitalOcean's PgBouncer listens.
const poolPort = 25061

type poolJSON struct {
	User                     string          `json:"user"`
	Name                     string          `json:"name"`
	Size                     int             `json:"size"`
	DB                       string          `json:"db"`
	Mode                     string          `json:"mode"`
	Connection               *connectionJSON `json:"connection"`
	PrivateConnection        *connectionJSON `json:"private_connection,omitempty"`
	StandbyConnection        *connectionJSON `json:"standby_connection,omitempty"`
	StandbyPrivateConnection *connectionJSON `json:"standby_private_connection,omitempty"`
}

func (c *cluster) pool(name string) *pool {
	for _, p := range c.pools {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (c *cluster) poolUsing(uses func(p *pool) bool) *pool {
	for _, p := range c.pools {
		if uses(p) {
			return p
		}
	}
	return nil
}

func (c *cluster) renderPool(p *pool) poolJSON {
	out := poolJSON{User: p.User, Name: p.Name, Size: p.Size, DB: p.DB, Mode: p.Mode}
	u := c.defaultUser()
	if p.User != "" {
		u = c.user(p.User)
	}
	if c.backing != nil {
		out.Connection = c.backedConnection(u.Name, u.Password, p.DB)
		private := *out.Connection
		out.PrivateConnection = &private
		if c.NumNodes > 1 {
			standby, standbyPrivate := *out.Connection, *out.Connection
			out.StandbyConnection, out.StandbyPrivateConnection = &standby, &standbyPrivate
		}
		return out
	}
	// DigitalOcean's PgBouncer names the pool as the database to connect to.
	conn := func(host string) *connectionJSON {
		return &connectionJSON{
			Protocol: "postgresql", URI: postgresURI(u.Name, u.Password, host, poolPort, p.Name, "require"),
			Database: p.Name, Host: host, Port: poolPort, User: u.Name, Password: u.Password, SSL: true,
		}
	}
	host := c.host()
	out.Connection, out.PrivateConnection = conn(host), conn("private-"+host)
	if c.NumNodes > 1 {
		out.StandbyConnection, out.StandbyPrivateConnection = conn("replica-"+host), conn("private-replica-"+host)
	}
	return out
}

// refusePools: connection pools are PgBouncer's, so pg only.
func refusePools(w http.ResponseWriter, r *http.Request, c *cluster) bool {
	if c.Engine != "pg" {
		writeUnprocessable(w, r, "connection pools are only supported for pg clusters, not %s", c.Engine)
		return true
	}
	return false
}

func (s *Server) listPools(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refusePools(w, r, c) {
			return
		}
		out := make([]poolJSON, 0, len(c.pools))
		for _, p := range c.pools {
			out = append(out, c.renderPool(p))
		}
		writeJSON(w, http.StatusOK, map[string]any{"pools": out})
	})
}

func (s *Server) getPool(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refusePools(w, r, c) {
			return
		}
		p := c.pool(r.PathValue("name"))
		if p == nil {
			writeNotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"pool": c.renderPool(p)})
	})
}

type poolRequest struct {
	Name string `json:"name"`
	Mode string `json:"mode"`
	Size int    `json:"size"`
	DB   string `json:"db"`
	User string `json:"user"`
}

// checkPool checks what a create or an update sets; replacing is the pool an update changes
// (nil for a create), whose connections are not counted twice.
func checkPool(c *cluster, req *poolRequest, replacing *pool) string {
	switch {
	case !slices.Contains(poolModes, req.Mode):
		return fmt.Sprintf("mode %q is invalid; one of %s", req.Mode, strings.Join(poolModes, ", "))
	case req.Size < 1:
		return fmt.Sprintf("size %d is invalid: a pool has at least 1 connection", req.Size)
	case req.DB == "":
		return "db is required"
	case !c.hasDB(req.DB):
		return fmt.Sprintf("db %q: the cluster has no such database", req.DB)
	case req.User != "" && c.user(req.User) == nil:
		return fmt.Sprintf("user %q: the cluster has no such user", req.User)
	}
	// Sizes the emulator cannot read (drift through the control API) limit nothing.
	limit, ok := poolConnections(c.Size)
	if !ok {
		return ""
	}
	used := req.Size
	for _, p := range c.pools {
		if p != replacing {
			used += p.Size
		}
	}
	if used > limit {
		return fmt.Sprintf("size %d is too large: the cluster's pools would use %d backend connections, and its size %s allows %d "+
			"(25 per GiB of memory, 3 reserved)", req.Size, used, c.Size, limit)
	}
	return ""
}

// Pools change one at a time with the cluster's users and databases (changeCluster), so that a
// pool never names a user or database that a concurrent delete is removing.

func (s *Server) createPool(w http.ResponseWriter, r *http.Request) {
	var req poolRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refusePools(w, r, c) {
			return change{}, false
		}
		msg := checkPoolName(req.Name)
		if msg == "" && c.pool(req.Name) != nil {
			msg = fmt.Sprintf("name: the cluster has a connection pool %q already", req.Name)
		}
		if msg == "" {
			msg = checkPool(c, &req, nil)
		}
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return change{}, false
		}
		return change{apply: func() {
			p := &pool{Name: req.Name, Mode: req.Mode, Size: req.Size, DB: req.DB, User: req.User}
			c.pools = append(c.pools, p)
			writeJSON(w, http.StatusCreated, map[string]any{"pool": c.renderPool(p)})
		}}, true
	})
}

func (s *Server) updatePool(w http.ResponseWriter, r *http.Request) {
	var req poolRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refusePools(w, r, c) {
			return change{}, false
		}
		p := c.pool(r.PathValue("name"))
		if p == nil {
			writeNotFound(w, r)
			return change{}, false
		}
		if msg := checkPool(c, &req, p); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return change{}, false
		}
		return change{apply: func() {
			p.Mode, p.Size, p.DB, p.User = req.Mode, req.Size, req.DB, req.User
			writeNoContent(w, http.StatusNoContent)
		}}, true
	})
}

func (s *Server) deletePool(w http.ResponseWriter, r *http.Request) {
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refusePools(w, r, c) {
			return change{}, false
		}
		p := c.pool(r.PathValue("name"))
		if p == nil {
			writeNotFound(w, r)
			return change{}, false
		}
		return change{apply: func() {
			c.pools = slices.DeleteFunc(c.pools, func(x *pool) bool { return x == p })
			writeNoContent(w, http.StatusNoContent)
		}}, true
	})
}
