package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// tag is a DigitalOcean tag. Its name is case-stable: the capitalization it was created with is
// canonical, and lookups ignore case.
type tag struct {
	Name         string
	lastDatabase string // id of the database tagged last
}

// ensureTags creates the tags that do not exist yet and returns the canonical names, without
// duplicates; the caller holds s.mu.
func (s *Server) ensureTags(names []string, taggedID string) []string {
	var out []string
	for _, n := range names {
		t := s.tags[strings.ToLower(n)]
		if t == nil {
			t = &tag{Name: n}
			s.tags[strings.ToLower(n)] = t
		}
		if taggedID != "" {
			t.lastDatabase = taggedID
		}
		if !slices.Contains(out, t.Name) {
			out = append(out, t.Name)
		}
	}
	return out
}

type taggedCount struct {
	Count         int    `json:"count"`
	LastTaggedURI string `json:"last_tagged_uri,omitempty"`
}

type tagResourcesJSON struct {
	Count           int         `json:"count"`
	LastTaggedURI   string      `json:"last_tagged_uri,omitempty"`
	Droplets        taggedCount `json:"droplets"`
	Images          taggedCount `json:"images"`
	Volumes         taggedCount `json:"volumes"`
	VolumeSnapshots taggedCount `json:"volume_snapshots"`
	Databases       taggedCount `json:"databases"`
}

type tagJSON struct {
	Name      string           `json:"name"`
	Resources tagResourcesJSON `json:"resources"`
}

// renderTag counts the databases carrying t; the caller holds s.mu.
func (s *Server) renderTag(r *http.Request, t *tag) tagJSON {
	n := 0
	for _, c := range s.clusters {
		if slices.Contains(c.Tags, t.Name) {
			n++
		}
	}
	out := tagJSON{Name: t.Name, Resources: tagResourcesJSON{Count: n, Databases: taggedCount{Count: n}}}
	if c, ok := s.clusters[t.lastDatabase]; ok && n > 0 && slices.Contains(c.Tags, t.Name) {
		uri := "http://" + r.Host + "/v2/databases/" + c.ID
		out.Resources.LastTaggedURI, out.Resources.Databases.LastTaggedURI = uri, uri
	}
	return out
}

func (s *Server) listTags(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var names []string
	for k := range s.tags {
		names = append(names, k)
	}
	slices.Sort(names)
	all := make([]tagJSON, 0, len(names))
	for _, k := range names {
		all = append(all, s.renderTag(r, s.tags[k]))
	}
	s.mu.Unlock()
	page, links, meta := paginate(r, len(all))
	writeJSON(w, http.StatusOK, map[string]any{"tags": all[page.from:page.to], "links": links, "meta": meta})
}

// createTag answers 201 with the tag, also when it exists already (DigitalOcean does the same and
// keeps the first capitalization).
func (s *Server) createTag(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Name == "" {
		writeUnprocessable(w, r, "name is required")
		return
	}
	if msg := checkTags([]string{req.Name}); msg != "" {
		writeUnprocessable(w, r, "name: %s", strings.TrimPrefix(msg, "tags: "))
		return
	}
	s.mu.Lock()
	s.ensureTags([]string{req.Name}, "")
	body := map[string]any{"tag": s.renderTag(r, s.tags[strings.ToLower(req.Name)])}
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, body)
}

func (s *Server) getTag(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tags[strings.ToLower(r.PathValue("tag"))]
	if t == nil {
		writeNotFound(w, r)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tag": s.renderTag(r, t)})
}

// deleteTag removes the tag and takes it off every database.
func (s *Server) deleteTag(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(r.PathValue("tag"))
	t := s.tags[key]
	if t == nil {
		writeNotFound(w, r)
		return
	}
	delete(s.tags, key)
	for _, c := range s.clusters {
		c.Tags = slices.DeleteFunc(c.Tags, func(n string) bool { return n == t.Name })
	}
	writeNoContent(w, http.StatusNoContent)
}

type tagResourcesRequest struct {
	Resources []struct {
		ID   string `json:"resource_id"`
		Type string `json:"resource_type"`
	} `json:"resources"`
}

func (s *Server) tagResources(w http.ResponseWriter, r *http.Request) {
	s.changeTagging(w, r, true)
}

func (s *Server) untagResources(w http.ResponseWriter, r *http.Request) {
	s.changeTagging(w, r, false)
}

// changeTagging adds the tag to, or removes it from, databases: all of them or none.
func (s *Server) changeTagging(w http.ResponseWriter, r *http.Request, add bool) {
	var req tagResourcesRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if len(req.Resources) == 0 {
		writeUnprocessable(w, r, "resources is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tags[strings.ToLower(r.PathValue("tag"))]
	if t == nil {
		writeNotFound(w, r)
		return
	}
	var targets []*cluster
	for i, res := range req.Resources {
		if res.Type != "database" {
			writeUnprocessable(w, r, "resources[%d].resource_type %q is not supported by this emulator; only \"database\"", i, res.Type)
			return
		}
		c, ok := s.clusters[res.ID]
		if !ok {
			writeNotFound(w, r)
			return
		}
		targets = append(targets, c)
	}
	for _, c := range targets {
		has := slices.Contains(c.Tags, t.Name)
		switch {
		case add && !has:
			c.Tags = append(c.Tags, t.Name)
			t.lastDatabase = c.ID
		case !add && has:
			c.Tags = slices.DeleteFunc(c.Tags, func(n string) bool { return n == t.Name })
		}
	}
	writeNoContent(w, http.StatusNoContent)
}
