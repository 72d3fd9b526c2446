package emulator

// The handlers of a cluster's settings: maintenance window, eviction policy, SQL mode and
// storage autoscaling.

import (
	"net/http"
	"strings"
	"time"
)

func (s *Server) getMaintenance(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		writeJSON(w, http.StatusOK, map[string]any{"maintenance_window": c.render(now).MaintenanceWindow})
	})
}

func (s *Server) putMaintenance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Day  string `json:"day"`
		Hour string `json:"hour"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		day, hour, msg := checkMaintenance(req.Day, req.Hour)
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		c.maintDay, c.maintHour = day, hour
		writeNoContent(w, http.StatusNoContent)
	})
}

func onlyFor(w http.ResponseWriter, r *http.Request, c *cluster, what string, engines ...string) bool {
	for _, e := range engines {
		if c.Engine == e {
			return true
		}
	}
	writeUnprocessable(w, r, "%s is only supported for %s clusters, not %s", what, strings.Join(engines, " and "), c.Engine)
	return false
}

func (s *Server) getEvictionPolicy(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if onlyFor(w, r, c, "eviction_policy", "redis", "valkey") {
			writeJSON(w, http.StatusOK, map[string]string{"eviction_policy": c.evictionPolicy})
		}
	})
}

func (s *Server) putEvictionPolicy(w http.ResponseWriter, r *http.Request) {
	var req struct {
		EvictionPolicy string `json:"eviction_policy"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if !onlyFor(w, r, c, "eviction_policy", "redis", "valkey") {
			return
		}
		if msg := checkEvictionPolicy(req.EvictionPolicy); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		c.evictionPolicy = req.EvictionPolicy
		writeNoContent(w, http.StatusNoContent)
	})
}

func (s *Server) getSQLMode(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if onlyFor(w, r, c, "sql_mode", "mysql") {
			writeJSON(w, http.StatusOK, map[string]string{"sql_mode": c.sqlMode})
		}
	})
}

func (s *Server) putSQLMode(w http.ResponseWriter, r *http.Request) {
	var req struct {
		SQLMode *string `json:"sql_mode"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if !onlyFor(w, r, c, "sql_mode", "mysql") {
			return
		}
		if req.SQLMode == nil {
			writeUnprocessable(w, r, "sql_mode is required")
			return
		}
		if msg := checkSQLMode(*req.SQLMode); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		c.sqlMode = *req.SQLMode
		writeNoContent(w, http.StatusNoContent)
	})
}

func (s *Server) getAutoscale(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		e := engines[c.Engine]
		if !e.Storage {
			writeUnprocessable(w, r, "storage autoscaling is not supported for engine %s", c.Engine)
			return
		}
		a := c.autoscale
		if a == nil {
			a = &storageAutoscale{}
		}
		// DigitalOcean documents {"autoscale": {"storage": ...}}; godo reads {"storage": ...}.
		writeJSON(w, http.StatusOK, map[string]any{"autoscale": map[string]any{"storage": a}, "storage": a})
	})
}

func (s *Server) putAutoscale(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Storage *storageAutoscale `json:"storage"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		e := engines[c.Engine]
		if req.Storage == nil {
			writeUnprocessable(w, r, "storage is required")
			return
		}
		if msg := checkAutoscale(e, req.Storage); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		a := *req.Storage
		c.autoscale = &a
		writeNoContent(w, http.StatusNoContent)
	})
}
