package emulator

// How a request changes what lives inside a cluster (users, databases, pools, replicas, rules).

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// change is what a request does to a cluster: work at the backing PostgreSQL server (nil for
// none; it runs outside Server.mu, and only for a backed cluster), then the change of the
// emulator's state and the answer, under Server.mu (in the same hold as the plan when there is
// no work at the server).
type change struct {
	backend func(ctx context.Context, b Backend) error
	apply   func()
}

// changeCluster runs a change of the cluster named by the path. plan runs under Server.mu: it
// checks the request and answers a refusal itself, returning false. A cluster's changes run one
// at a time, so nothing plan checked can change while the backing server works.
func (s *Server) changeCluster(w http.ResponseWriter, r *http.Request, plan func(c *cluster, now time.Time) (change, bool)) {
	s.mu.Lock()
	c, ok := s.clusters[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		writeNotFound(w, r)
		return
	}
	c.ops.Lock()
	defer c.ops.Unlock()
	s.mu.Lock()
	if s.clusters[c.ID] != c {
		s.mu.Unlock()
		writeNotFound(w, r)
		return
	}
	ch, ok := plan(c, s.now())
	if !ok {
		s.mu.Unlock()
		return
	}
	if ch.backend == nil || c.backing == nil {
		ch.apply()
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	// The client leaving must not stop the server half way.
	if err := ch.backend(context.WithoutCancel(r.Context()), s.backend); err != nil {
		if errors.Is(err, ErrNameTaken) {
			writeUnprocessable(w, r, "%s", err.Error())
			return
		}
		s.logger.Printf("do-emulator: changing cluster %s at the backing PostgreSQL server failed: %v", c.Name, err)
		writeErrorR(w, r, http.StatusInternalServerError, "server_error", "Unexpected server-side error: the backing PostgreSQL server failed")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch.apply()
}

// refuseFor answers 422 and returns true when the cluster's engine is one of engines.
func refuseFor(w http.ResponseWriter, r *http.Request, c *cluster, what string, engines ...string) bool {
	for _, e := range engines {
		if c.Engine == e {
			writeUnprocessable(w, r, "%s not supported for %s clusters", what, c.Engine)
			return true
		}
	}
	return false
}
