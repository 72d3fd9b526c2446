package emulator

// The read-only replicas of a pg or mysql cluster: /v2/databases/{id}/replicas. A backed pg
// cluster's replica is no second server: its connection reaches the primary's database on the
// backing server, in read-only transactions.

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

type replica struct {
	ID                 string
	Name               string
	Region             string
	Size               string
	PrivateNetworkUUID string
	Tags               []string
	StorageMiB         uint64
	CreatedAt          time.Time
	readyAt            time.Time // forking until then, then active
	resizedAt          time.Time // resizing until then
}

// status is forking after a create and resizing during a resize, as DigitalOcean's replicas go;
// then active.
func (rp *replica) status(now time.Time) string {
	switch {
	case now.Before(rp.readyAt):
		return "forking"
	case now.Before(rp.resizedAt):
		return "resizing"
	}
	return "active"
}

type replicaJSON struct {
	ID                 string          `json:"id"`
	Name               string          `json:"name"`
	Connection         *connectionJSON `json:"connection"`
	PrivateConnection  *connectionJSON `json:"private_connection,omitempty"`
	Region             string          `json:"region"`
	Status             string          `json:"status"`
	CreatedAt          string          `json:"created_at"`
	PrivateNetworkUUID string          `json:"private_network_uuid,omitempty"`
	Tags               []string        `json:"tags,omitempty"`
	StorageSizeMiB     uint64          `json:"storage_size_mib,omitempty"`
	Size               string          `json:"size"`
}

func (c *cluster) replica(name string) *replica {
	for _, rp := range c.replicas {
		if rp.Name == name {
			return rp
		}
	}
	return nil
}

// readOnlyOption makes every transaction of a session read-only, as on a replica.
var readOnlyOption = "&options=" + strings.ReplaceAll(url.QueryEscape("-c default_transaction_read_only=on"), "+", "%20")

func (c *cluster) renderReplica(rp *replica, now time.Time) replicaJSON {
	out := replicaJSON{
		ID: rp.ID, Name: rp.Name, Region: rp.Region, Size: rp.Size, PrivateNetworkUUID: rp.PrivateNetworkUUID,
		StorageSizeMiB: rp.StorageMiB, CreatedAt: rp.CreatedAt.UTC().Format(time.RFC3339), Status: rp.status(now),
	}
	if len(rp.Tags) > 0 {
		out.Tags = slices.Clone(rp.Tags)
	}
	u := c.defaultUser()
	if c.backing != nil {
		conn := c.backedConnection(u.Name, u.Password, c.backing.Database)
		conn.URI += readOnlyOption
		private := *conn
		out.Connection, out.PrivateConnection = conn, &private
		return out
	}
	e := engines[c.Engine]
	host := hostFor(rp.Name)
	out.Connection, out.PrivateConnection = doConnection(e, host, u.Password), doConnection(e, "private-"+host, u.Password)
	return out
}

// refuseReplicas: DigitalOcean has read-only replicas of pg and mysql clusters only.
func refuseReplicas(w http.ResponseWriter, r *http.Request, c *cluster) bool {
	if c.Engine != "pg" && c.Engine != "mysql" {
		writeUnprocessable(w, r, "read-only replicas are only supported for pg and mysql clusters, not %s", c.Engine)
		return true
	}
	return false
}

func (s *Server) listReplicas(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseReplicas(w, r, c) {
			return
		}
		out := make([]replicaJSON, 0, len(c.replicas))
		for _, rp := range c.replicas {
			out = append(out, c.renderReplica(rp, now))
		}
		writeJSON(w, http.StatusOK, map[string]any{"replicas": out})
	})
}

func (s *Server) getReplica(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseReplicas(w, r, c) {
			return
		}
		rp := c.replica(r.PathValue("name"))
		if rp == nil {
			writeNotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"replica": c.renderReplica(rp, now)})
	})
}

type replicaRequest struct {
	Name               string   `json:"name"`
	Region             string   `json:"region"`
	Size               string   `json:"size"`
	PrivateNetworkUUID string   `json:"private_network_uuid"`
	Tags               []string `json:"tags"`
	StorageSizeMiB     uint64   `json:"storage_size_mib"`
}

// replicaByID finds a replica by its uuid, and its cluster.
func (s *Server) replicaByID(id string) (*cluster, *replica) {
	for _, c := range s.clusters {
		for _, rp := range c.replicas {
			if rp.ID == id {
				return c, rp
			}
		}
	}
	return nil, nil
}

// checkReplicaSize: a replica's node must be at least as large as the primary's.
func checkReplicaSize(e *engineInfo, c *cluster, size string) string {
	if msg := checkSizeAndNodes(e, size, 1); msg != "" {
		return msg
	}
	have, okHave := memoryGiB(c.Size)
	want, _ := memoryGiB(size)
	if okHave && want < have {
		return fmt.Sprintf("size %s is smaller than the cluster's node size %s; a replica's node must be at least as large", size, c.Size)
	}
	return ""
}

func (s *Server) createReplica(w http.ResponseWriter, r *http.Request) {
	var req replicaRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseReplicas(w, r, c) {
			return
		}
		e := engines[c.Engine]
		region := cmp.Or(req.Region, c.Region)
		msg := firstProblem(
			checkName(req.Name),
			checkRegion(e, region),
			checkReplicaSize(e, c, req.Size),
			checkStorage(e, req.Size, req.StorageSizeMiB, 0),
			checkTags(req.Tags),
			checkUUID("private_network_uuid", req.PrivateNetworkUUID),
		)
		if msg == "" && !s.nameAvailable(req.Name, now) {
			msg = fmt.Sprintf("name %q is not available: a database cluster or replica has it or had it less than %s ago", req.Name, s.settings.NameHold)
		}
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		if !requireOnline(w, r, c, now) {
			return
		}
		rp := &replica{
			ID: newUUID(), Name: req.Name, Region: region, Size: req.Size,
			PrivateNetworkUUID: cmp.Or(req.PrivateNetworkUUID, defaultVPC(region)),
			Tags:               s.ensureTags(req.Tags, ""),
			StorageMiB:         req.StorageSizeMiB,
			CreatedAt:          now.UTC().Truncate(time.Second),
			readyAt:            now.Add(s.settings.CreateDelay),
		}
		if rp.StorageMiB == 0 {
			rp.StorageMiB, _, _ = storageRangeMiB(rp.Size)
		}
		c.replicas = append(c.replicas, rp)
		out := c.renderReplica(rp, now)
		// As for a cluster, the answer to a create says the replica is on its way.
		out.Status = "forking"
		writeJSON(w, http.StatusCreated, map[string]any{"replica": out})
	})
}

func (s *Server) deleteReplica(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseReplicas(w, r, c) {
			return
		}
		rp := c.replica(r.PathValue("name"))
		if rp == nil {
			writeNotFound(w, r)
			return
		}
		c.replicas = slices.DeleteFunc(c.replicas, func(x *replica) bool { return x == rp })
		s.released[rp.Name] = now
		writeNoContent(w, http.StatusNoContent)
	})
}

// resizeReplica: a replica has one node, which only grows ("when resizing an existing replica, its
// size can only be increased", DigitalOcean says) and stays at least as large as the primary's; its
// storage never shrinks. It must be active.
func (s *Server) resizeReplica(w http.ResponseWriter, r *http.Request, c *cluster, rp *replica, req resizeRequest, now time.Time) {
	e := engines[c.Engine]
	if req.NumNodes != 1 {
		writeUnprocessable(w, r, "num_nodes %d is invalid for a read-only replica, which has one node", req.NumNodes)
		return
	}
	msg := checkReplicaSize(e, c, req.Size)
	have, okHave := memoryGiB(rp.Size)
	if want, _ := memoryGiB(req.Size); msg == "" && okHave && want < have {
		msg = fmt.Sprintf("size %s is smaller than the replica's node size %s; a replica's size can only be increased", req.Size, rp.Size)
	}
	if msg != "" {
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	storage, msg := resizedStorage(e, req.Size, req.StorageSizeMiB, rp.StorageMiB)
	if msg != "" {
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	if st := rp.status(now); st != "active" {
		writeUnprocessable(w, r, "the read-only replica is %s; try again once it is active", st)
		return
	}
	rp.Size, rp.StorageMiB = req.Size, storage
	rp.resizedAt = now.Add(s.settings.ResizeDelay)
	writeNoContent(w, http.StatusAccepted)
}
