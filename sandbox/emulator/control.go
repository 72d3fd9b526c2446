package emulator

import (
	"net/http"
	"strings"
	"time"
)

// The control API under /_emulator: no authentication, JSON in and out, for tests and people.

func (s *Server) controlListDatabases(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	s.mu.Lock()
	out := make([]databaseJSON, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.clusters[id].render(now))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) controlGetDatabase(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		writeJSON(w, http.StatusOK, c.render(now))
	})
}

// driftRequest changes a cluster behind its owner's back. Values are not checked against the
// catalog: drift may be anything.
type driftRequest struct {
	Size           *string   `json:"size"`
	NumNodes       *int      `json:"num_nodes"`
	StorageSizeMiB *uint64   `json:"storage_size_mib"`
	Region         *string   `json:"region"`
	Version        *string   `json:"version"`
	Status         *string   `json:"status"`
	Tags           *[]string `json:"tags"`
}

func (s *Server) controlPatchDatabase(w http.ResponseWriter, r *http.Request) {
	var req driftRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		empty := func(p *string) bool { return p != nil && strings.TrimSpace(*p) == "" }
		switch {
		case empty(req.Size), empty(req.Region), empty(req.Version), empty(req.Status):
			writeUnprocessable(w, r, "size, region, version and status must not be empty")
			return
		case req.NumNodes != nil && *req.NumNodes < 1:
			writeUnprocessable(w, r, "num_nodes must be at least 1")
			return
		}
		if req.Tags != nil {
			if msg := checkTags(*req.Tags); msg != "" {
				writeUnprocessable(w, r, "%s", msg)
				return
			}
		}
		if req.Size != nil {
			c.Size = *req.Size
		}
		if req.NumNodes != nil {
			c.NumNodes = *req.NumNodes
		}
		if req.StorageSizeMiB != nil {
			c.StorageMiB = *req.StorageSizeMiB
		}
		if req.Region != nil {
			if c.PrivateNetworkUUID == defaultVPC(c.Region) {
				c.PrivateNetworkUUID = defaultVPC(*req.Region)
			}
			c.Region = *req.Region
		}
		if req.Version != nil {
			c.Version = *req.Version
		}
		if req.Status != nil {
			// "online" ends any transition; any other status stays until changed again.
			c.busy, c.busyUntil, c.sticky = "", time.Time{}, ""
			if *req.Status != "online" {
				c.sticky = *req.Status
			}
		}
		if req.Tags != nil {
			c.Tags = s.ensureTags(*req.Tags, c.ID)
		}
		writeJSON(w, http.StatusOK, c.render(now))
	})
}

func (s *Server) controlDeleteDatabase(w http.ResponseWriter, r *http.Request) {
	if !s.removeCluster(r.Context(), r.PathValue("id")) {
		writeNotFound(w, r)
		return
	}
	writeNoContent(w, http.StatusNoContent)
}

func (s *Server) controlListFaults(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := make([]Fault, 0, len(s.faults))
	for _, f := range s.faults {
		out = append(out, *f)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) controlAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !decodeBody(w, r, &f) {
		return
	}
	if msg := f.validate(); msg != "" {
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	s.mu.Lock()
	s.faultSeq++
	f.ID = s.faultSeq
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, f)
}

func (s *Server) controlClearFaults(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
	writeNoContent(w, http.StatusNoContent)
}

type settingsJSON struct {
	CreateDelay *Duration `json:"create_delay,omitempty"`
	ResizeDelay *Duration `json:"resize_delay,omitempty"`
	NameHold    *Duration `json:"name_hold,omitempty"`
}

func (s *Server) currentSettings() settingsJSON {
	st := s.settings
	c, rz, n := Duration(st.CreateDelay), Duration(st.ResizeDelay), Duration(st.NameHold)
	return settingsJSON{CreateDelay: &c, ResizeDelay: &rz, NameHold: &n}
}

func (s *Server) controlGetSettings(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := s.currentSettings()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// controlPutSettings changes the delays given; operations already under way keep theirs.
func (s *Server) controlPutSettings(w http.ResponseWriter, r *http.Request) {
	var req settingsJSON
	if !decodeBody(w, r, &req) {
		return
	}
	s.mu.Lock()
	if req.CreateDelay != nil {
		s.settings.CreateDelay = time.Duration(*req.CreateDelay)
	}
	if req.ResizeDelay != nil {
		s.settings.ResizeDelay = time.Duration(*req.ResizeDelay)
	}
	if req.NameHold != nil {
		s.settings.NameHold = time.Duration(*req.NameHold)
	}
	out := s.currentSettings()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) controlListRequests(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := append(make([]RequestRecord, 0, len(s.requests)), s.requests...)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) controlClearRequests(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
	writeNoContent(w, http.StatusNoContent)
}
