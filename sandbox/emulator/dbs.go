package emulator

// The databases of a cluster: /v2/databases/{id}/dbs. A backed pg cluster's databases are real
// databases of the backing server, owned by the cluster's default role.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// refuseDBs: DigitalOcean manages databases of SQL and document clusters only.
func refuseDBs(w http.ResponseWriter, r *http.Request, c *cluster) bool {
	return refuseFor(w, r, c, "databases are", "redis", "valkey", "kafka", "opensearch")
}

type dbJSON struct {
	Name string `json:"name"`
}

func (s *Server) listDBs(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseDBs(w, r, c) {
			return
		}
		out := make([]dbJSON, 0, len(c.dbs))
		for _, n := range c.dbs {
			out = append(out, dbJSON{Name: n})
		}
		writeJSON(w, http.StatusOK, map[string]any{"dbs": out})
	})
}

func (s *Server) getDB(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseDBs(w, r, c) {
			return
		}
		name := r.PathValue("name")
		if !c.hasDB(name) {
			writeNotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"db": dbJSON{Name: name}})
	})
}

func (s *Server) createDB(w http.ResponseWriter, r *http.Request) {
	var req dbJSON
	if !decodeBody(w, r, &req) {
		return
	}
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refuseDBs(w, r, c) {
			return change{}, false
		}
		msg := checkDBName(req.Name)
		if msg == "" && c.hasDB(req.Name) {
			msg = fmt.Sprintf("name: the cluster has a database %q already", req.Name)
		}
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return change{}, false
		}
		return change{
			backend: func(ctx context.Context, b Backend) error { return b.CreateDatabase(ctx, c.ID, req.Name) },
			apply: func() {
				c.dbs = append(c.dbs, req.Name)
				writeJSON(w, http.StatusCreated, map[string]any{"db": req})
			},
		}, true
	})
}

func (s *Server) deleteDB(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refuseDBs(w, r, c) {
			return change{}, false
		}
		if !c.hasDB(name) {
			writeNotFound(w, r)
			return change{}, false
		}
		if name == c.dbs[0] {
			writeUnprocessable(w, r, "database %q is the cluster's default database and cannot be deleted", name)
			return change{}, false
		}
		if p := c.poolUsing(func(p *pool) bool { return p.DB == name }); p != nil {
			writeUnprocessable(w, r, "database %q is the database of connection pool %q; delete or change the pool first", name, p.Name)
			return change{}, false
		}
		return change{
			backend: func(ctx context.Context, b Backend) error { return b.DropDatabase(ctx, name) },
			apply: func() {
				c.dbs = slices.DeleteFunc(c.dbs, func(n string) bool { return n == name })
				writeNoContent(w, http.StatusNoContent)
			},
		}, true
	})
}
