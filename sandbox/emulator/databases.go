package emulator

// The /v2/databases handlers: create, list, get, delete, resize, migrate, upgrade.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

type createRequest struct {
	Name               string            `json:"name"`
	Engine             string            `json:"engine"`
	Version            string            `json:"version"`
	Size               string            `json:"size"`
	Region             string            `json:"region"`
	NumNodes           int               `json:"num_nodes"`
	Tags               []string          `json:"tags"`
	PrivateNetworkUUID string            `json:"private_network_uuid"`
	ProjectID          string            `json:"project_id"`
	Rules              []firewallRule    `json:"rules"`
	StorageSizeMiB     uint64            `json:"storage_size_mib"`
	BackupRestore      *backupRestore    `json:"backup_restore"`
	StorageAutoscale   *storageAutoscale `json:"storage_autoscale"`
	DOSettings         json.RawMessage   `json:"do_settings"`
}

// nameAvailable says whether a new cluster or replica may take name (a replica is a cluster of
// its own at DigitalOcean, in the same namespace); the caller holds s.mu.
func (s *Server) nameAvailable(name string, now time.Time) bool {
	if s.reserved[name] {
		return false
	}
	for _, c := range s.clusters {
		if c.Name == name || c.replica(name) != nil {
			return false
		}
	}
	if at, ok := s.released[name]; ok {
		if now.Sub(at) < s.settings.NameHold {
			return false
		}
		delete(s.released, name)
	}
	return true
}

func (s *Server) findByName(name string) *cluster {
	for _, c := range s.clusters {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// validateCreate checks a create request and builds its cluster; the caller holds s.mu.
func (s *Server) validateCreate(req *createRequest, now time.Time) (*cluster, string) {
	if msg := checkName(req.Name); msg != "" {
		return nil, msg
	}
	e, msg := checkEngine(req.Engine)
	if msg != "" {
		return nil, msg
	}
	version := req.Version
	if version == "" {
		version = e.DefaultVersion
	}
	if req.NumNodes < 0 {
		return nil, fmt.Sprintf("num_nodes %d is invalid", req.NumNodes)
	}
	if msg := firstProblem(
		checkVersion(e, version),
		checkRegion(e, req.Region),
		checkSizeAndNodes(e, req.Size, req.NumNodes),
		checkStorage(e, req.Size, req.StorageSizeMiB, 0),
		checkTags(req.Tags),
		checkUUID("private_network_uuid", req.PrivateNetworkUUID),
		checkUUID("project_id", req.ProjectID),
		checkRules(req.Rules),
		checkAutoscale(e, req.StorageAutoscale),
		checkBackupRestore(req.BackupRestore),
	); msg != "" {
		return nil, msg
	}
	if b := req.BackupRestore; b != nil {
		src := s.findByName(b.DatabaseName)
		if src == nil {
			return nil, fmt.Sprintf("backup_restore.database_name %q: no database cluster has that name", b.DatabaseName)
		}
		if src.Engine != e.Slug {
			return nil, fmt.Sprintf("backup_restore.database_name %q is a %s cluster, not %s", b.DatabaseName, src.Engine, e.Slug)
		}
	}
	if !s.nameAvailable(req.Name, now) {
		return nil, fmt.Sprintf("name %q is not available: a database cluster has it or had it less than %s ago", req.Name, s.settings.NameHold)
	}
	c := &cluster{
		ID:                 newUUID(),
		Name:               req.Name,
		Engine:             e.Slug,
		Version:            version,
		Size:               req.Size,
		Region:             req.Region,
		NumNodes:           req.NumNodes,
		StorageMiB:         req.StorageSizeMiB,
		PrivateNetworkUUID: req.PrivateNetworkUUID,
		ProjectID:          req.ProjectID,
		CreatedAt:          now.UTC().Truncate(time.Second),
		autoscale:          req.StorageAutoscale,
	}
	if len(req.DOSettings) > 0 && string(req.DOSettings) != "null" {
		c.doSettings = req.DOSettings
	}
	if c.StorageMiB == 0 && e.Storage {
		c.StorageMiB, _, _ = storageRangeMiB(c.Size)
	}
	if c.PrivateNetworkUUID == "" {
		c.PrivateNetworkUUID = defaultVPC(c.Region)
	}
	if c.ProjectID == "" {
		c.ProjectID = defaultProjectID
	}
	switch c.Engine {
	case "redis", "valkey":
		c.evictionPolicy = "noeviction"
	case "mysql":
		c.sqlMode = defaultSQLMode
	}
	status := "creating"
	if req.BackupRestore != nil {
		status = "forking"
	}
	c.startBusy(status, now, s.settings.CreateDelay)
	return c, ""
}

func (s *Server) createDatabase(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if !decodeBody(w, r, &req) {
		return
	}
	now := s.now()
	s.mu.Lock()
	c, msg := s.validateCreate(&req, now)
	if msg != "" {
		s.mu.Unlock()
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	s.reserved[c.Name] = true
	s.mu.Unlock()

	var backing *Credentials
	var err error
	if s.backend != nil && c.Engine == "pg" {
		backing, err = s.provision(r.Context(), c)
	}

	s.mu.Lock()
	delete(s.reserved, c.Name)
	if err != nil {
		s.mu.Unlock()
		s.logger.Printf("do-emulator: creating the PostgreSQL role and database of cluster %s failed: %v", c.Name, err)
		writeErrorR(w, r, http.StatusInternalServerError, "server_error", "Unexpected server-side error: the backing PostgreSQL server refused the cluster")
		return
	}
	c.backing = backing
	c.seedDefaults(backing)
	c.rules = stampRules(req.Rules, c.ID, now, nil)
	c.maintDay, c.maintHour = defaultMaintenance(c.ID)
	c.Tags = s.ensureTags(req.Tags, c.ID)
	s.clusters[c.ID] = c
	s.order = append(s.order, c.ID)
	d := c.render(s.now())
	// The answer to a create always says the cluster is on its way; later GETs see it online once
	// the create delay has passed.
	d.Status = "creating"
	if req.BackupRestore != nil {
		d.Status = "forking"
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{"database": d})
}

// provision creates a pg cluster's role and database, choosing another id if its names are taken.
func (s *Server) provision(ctx context.Context, c *cluster) (*Credentials, error) {
	for attempt := 0; ; attempt++ {
		cr, err := s.backend.Provision(ctx, c.ID)
		if errors.Is(err, ErrBackingExists) && attempt < 5 {
			c.ID = newUUID()
			continue
		}
		if err != nil {
			return nil, err
		}
		return &cr, nil
	}
}

func (s *Server) getOptions(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, buildOptions())
}

func (s *Server) listDatabases(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tagName := q.Get("tag_name")
	now := s.now()
	s.mu.Lock()
	var all []databaseJSON
	for _, id := range s.order {
		c := s.clusters[id]
		if tagName != "" && !hasTag(c.Tags, tagName) {
			continue
		}
		all = append(all, c.render(now))
	}
	s.mu.Unlock()
	page, links, meta := paginate(r, len(all))
	items := all[page.from:page.to]
	if items == nil {
		items = []databaseJSON{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"databases": items, "links": links, "meta": meta})
}

func hasTag(tags []string, name string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, name) {
			return true
		}
	}
	return false
}

type pageRange struct{ from, to int }

type pageLinks struct {
	Pages map[string]string `json:"pages,omitempty"`
}

type pageMeta struct {
	Total int `json:"total"`
}

// paginate applies page and per_page (defaults 1 and 20, at most 200) as DigitalOcean does:
// links.pages has first and prev before the page, next and last after it.
func paginate(r *http.Request, total int) (pageRange, pageLinks, pageMeta) {
	q := r.URL.Query()
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	perPage, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage < 1 {
		perPage = 20
	}
	if perPage > 200 {
		perPage = 200
	}
	pages := (total + perPage - 1) / perPage
	from := (page - 1) * perPage
	if from > total {
		from = total
	}
	to := from + perPage
	if to > total {
		to = total
	}
	links := pageLinks{Pages: map[string]string{}}
	link := func(p int) string {
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(perPage))
		u.RawQuery = v.Encode()
		return u.String()
	}
	if page > 1 && pages > 0 {
		links.Pages["first"] = link(1)
		prev := page - 1
		if prev > pages {
			prev = pages
		}
		links.Pages["prev"] = link(prev)
	}
	if page < pages {
		links.Pages["next"] = link(page + 1)
		links.Pages["last"] = link(pages)
	}
	return pageRange{from, to}, links, pageMeta{Total: total}
}

// withCluster runs f on the cluster named by the path under s.mu, or answers 404.
func (s *Server) withCluster(w http.ResponseWriter, r *http.Request, f func(c *cluster, now time.Time)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[r.PathValue("id")]
	if !ok {
		writeNotFound(w, r)
		return
	}
	f(c, s.now())
}

func (s *Server) getDatabase(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		writeJSON(w, http.StatusOK, map[string]any{"database": c.render(now)})
	})
}

func (s *Server) deleteDatabase(w http.ResponseWriter, r *http.Request) {
	if !s.removeCluster(r.Context(), r.PathValue("id")) {
		writeNotFound(w, r)
		return
	}
	writeNoContent(w, http.StatusNoContent)
}

// removeCluster deletes a cluster and its replicas, holds their names and drops the cluster's
// backing; false if unknown.
func (s *Server) removeCluster(ctx context.Context, id string) bool {
	s.mu.Lock()
	c, ok := s.clusters[id]
	s.mu.Unlock()
	if !ok {
		return false
	}
	// Wait for a change of the cluster's users or databases under way at the backing server.
	c.ops.Lock()
	defer c.ops.Unlock()
	s.mu.Lock()
	if s.clusters[id] != c {
		s.mu.Unlock()
		return false
	}
	delete(s.clusters, id)
	s.order = slices.DeleteFunc(s.order, func(o string) bool { return o == id })
	now := s.now()
	s.released[c.Name] = now
	for _, rp := range c.replicas {
		s.released[rp.Name] = now
	}
	backed := c.backing != nil
	c.backing = nil
	s.mu.Unlock()
	if backed {
		// The cluster is gone for the API whatever happens to its roles.
		if err := s.backend.Deprovision(context.WithoutCancel(ctx), id); err != nil {
			s.logger.Printf("do-emulator: dropping the PostgreSQL roles and databases of cluster %s failed: %v", c.Name, err)
		}
	}
	return true
}

// requireOnline answers 422 and returns false when the cluster is busy with another operation.
func requireOnline(w http.ResponseWriter, r *http.Request, c *cluster, now time.Time) bool {
	if st := c.status(now); st != "online" {
		writeUnprocessable(w, r, "the database cluster is %s; try again once it is online", st)
		return false
	}
	return true
}

type resizeRequest struct {
	Size           string `json:"size"`
	NumNodes       int    `json:"num_nodes"`
	StorageSizeMiB uint64 `json:"storage_size_mib"`
}

// resizeDatabase resizes a cluster, or a read-only replica: DigitalOcean addresses a replica as a
// database cluster of its own, by its uuid (godo has no call of its own for it; the official
// provider resizes a replica with this PUT and one node).
func (s *Server) resizeDatabase(w http.ResponseWriter, r *http.Request) {
	var req resizeRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now, id := s.now(), r.PathValue("id")
	if c, ok := s.clusters[id]; ok {
		s.resizeCluster(w, r, c, req, now)
		return
	}
	if c, rp := s.replicaByID(id); rp != nil {
		s.resizeReplica(w, r, c, rp, req, now)
		return
	}
	writeNotFound(w, r)
}

func (s *Server) resizeCluster(w http.ResponseWriter, r *http.Request, c *cluster, req resizeRequest, now time.Time) {
	e := engines[c.Engine]
	if req.NumNodes < 0 {
		writeUnprocessable(w, r, "num_nodes %d is invalid", req.NumNodes)
		return
	}
	if msg := checkSizeAndNodes(e, req.Size, req.NumNodes); msg != "" {
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	storage, msg := resizedStorage(e, req.Size, req.StorageSizeMiB, c.StorageMiB)
	if msg != "" {
		writeUnprocessable(w, r, "%s", msg)
		return
	}
	if !requireOnline(w, r, c, now) {
		return
	}
	c.Size, c.NumNodes, c.StorageMiB = req.Size, req.NumNodes, storage
	c.startBusy("resizing", now, s.settings.ResizeDelay)
	writeNoContent(w, http.StatusAccepted)
}

// resizedStorage is the storage after a resize to size: the one requested, or without one, what
// the cluster (or replica) has, at least the new size's base.
func resizedStorage(e *engineInfo, size string, requested, current uint64) (uint64, string) {
	if msg := checkStorage(e, size, requested, current); msg != "" {
		return 0, msg
	}
	if requested != 0 || !e.Storage {
		return requested, ""
	}
	base, limit, _ := storageRangeMiB(size)
	if current > limit {
		return 0, fmt.Sprintf("size %s holds at most %d MiB of storage, less than the current %d MiB", size, limit, current)
	}
	return max(current, base), ""
}

type migrateRequest struct {
	Region             string `json:"region"`
	PrivateNetworkUUID string `json:"private_network_uuid"`
}

func (s *Server) migrateDatabase(w http.ResponseWriter, r *http.Request) {
	var req migrateRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		e := engines[c.Engine]
		if msg := firstProblem(checkRegion(e, req.Region), checkUUID("private_network_uuid", req.PrivateNetworkUUID)); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		if req.Region == c.Region {
			writeUnprocessable(w, r, "region: the database cluster is already in %s", c.Region)
			return
		}
		if !requireOnline(w, r, c, now) {
			return
		}
		switch {
		case req.PrivateNetworkUUID != "":
			c.PrivateNetworkUUID = req.PrivateNetworkUUID
		case c.PrivateNetworkUUID == defaultVPC(c.Region):
			c.PrivateNetworkUUID = defaultVPC(req.Region)
		}
		c.Region = req.Region
		c.startBusy("migrating", now, s.settings.ResizeDelay)
		writeNoContent(w, http.StatusAccepted)
	})
}

func (s *Server) upgradeDatabase(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Version string `json:"version"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		e := engines[c.Engine]
		if req.Version == "" {
			writeUnprocessable(w, r, "version is required")
			return
		}
		if msg := checkVersion(e, req.Version); msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return
		}
		if compareVersions(req.Version, c.Version) <= 0 {
			writeUnprocessable(w, r, "version %q is not newer than the cluster's version %q", req.Version, c.Version)
			return
		}
		if !requireOnline(w, r, c, now) {
			return
		}
		c.Version = req.Version
		writeNoContent(w, http.StatusNoContent)
	})
}
