package emulator

// The trusted sources of a cluster: /v2/databases/{id}/firewall. They are recorded, never
// enforced: the backing server takes connections from anywhere on loopback.

import (
	"net/http"
	"time"
)

func (s *Server) getFirewall(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		writeJSON(w, http.StatusOK, map[string]any{"rules": append([]firewallRule{}, c.rules...)})
	})
}

// putFirewall replaces the cluster's whole set of rules.
func (s *Server) putFirewall(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Rules []firewallRule `json:"rules"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if msg := checkRules(req.Rules); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		c.rules = stampRules(req.Rules, c.ID, now, c.rules)
		writeNoContent(w, http.StatusNoContent)
	})
}
