package emulator

// The users of a cluster: /v2/databases/{id}/users. A backed pg cluster's users are real login
// roles of the backing server.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

type dbUser struct {
	Name          string             `json:"name"`
	Role          string             `json:"role"` // primary for the default user, normal for the others
	Password      string             `json:"password"`
	MySQLSettings *mysqlUserSettings `json:"mysql_settings,omitempty"`
	Settings      json.RawMessage    `json:"settings,omitempty"`
}

type mysqlUserSettings struct {
	AuthPlugin string `json:"auth_plugin"`
}

var mysqlAuthPlugins = []string{"mysql_native_password", "caching_sha2_password"}

// defaultAuthPlugin is MySQL 8's.
const defaultAuthPlugin = "caching_sha2_password"

// seedDefaults gives a new cluster DigitalOcean's default user and databases, or those of its backing.
func (c *cluster) seedDefaults(backing *Credentials) {
	e := engines[c.Engine]
	u := &dbUser{Name: e.User, Role: "primary", Password: newPassword()}
	c.dbs = slices.Clone(e.DBNames)
	if backing != nil {
		u.Name, u.Password = backing.User, backing.Password
		c.dbs = []string{backing.Database}
	}
	if c.Engine == "mysql" {
		u.MySQLSettings = &mysqlUserSettings{AuthPlugin: defaultAuthPlugin}
	}
	c.users = []*dbUser{u}
}

// refuseUsers: DigitalOcean manages no users of caching clusters.
func refuseUsers(w http.ResponseWriter, r *http.Request, c *cluster) bool {
	return refuseFor(w, r, c, "users are", "redis", "valkey")
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseUsers(w, r, c) {
			return
		}
		out := make([]dbUser, 0, len(c.users))
		for _, u := range c.users {
			out = append(out, *u)
		}
		writeJSON(w, http.StatusOK, map[string]any{"users": out})
	})
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseUsers(w, r, c) {
			return
		}
		u := c.user(r.PathValue("name"))
		if u == nil {
			writeNotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"user": *u})
	})
}

type userRequest struct {
	Name          string             `json:"name"`
	MySQLSettings *mysqlUserSettings `json:"mysql_settings"`
	Settings      json.RawMessage    `json:"settings"`
}

// authPlugin is the MySQL authentication plugin a request asks for ("" for none, or for another
// engine, which has no such setting), or a refusal.
func (req *userRequest) authPlugin(c *cluster) (string, string) {
	if c.Engine != "mysql" || req.MySQLSettings == nil {
		return "", ""
	}
	p := req.MySQLSettings.AuthPlugin
	if !slices.Contains(mysqlAuthPlugins, p) {
		return "", fmt.Sprintf("mysql_settings.auth_plugin %q is invalid; one of %s", p, strings.Join(mysqlAuthPlugins, ", "))
	}
	return p, ""
}

func (req *userRequest) settings() json.RawMessage {
	if len(req.Settings) == 0 || string(req.Settings) == "null" {
		return nil
	}
	return req.Settings
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refuseUsers(w, r, c) {
			return change{}, false
		}
		plugin, msg := req.authPlugin(c)
		if msg == "" {
			msg = checkUserName(c.Engine, req.Name)
		}
		if msg == "" && c.user(req.Name) != nil {
			msg = fmt.Sprintf("name: the cluster has a user %q already", req.Name)
		}
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return change{}, false
		}
		u := &dbUser{Name: req.Name, Role: "normal", Password: newPassword(), Settings: req.settings()}
		if c.Engine == "mysql" {
			u.MySQLSettings = &mysqlUserSettings{AuthPlugin: cmp.Or(plugin, defaultAuthPlugin)}
		}
		return change{
			backend: func(ctx context.Context, b Backend) error { return b.CreateRole(ctx, c.ID, u.Name, u.Password) },
			apply: func() {
				c.users = append(c.users, u)
				writeJSON(w, http.StatusCreated, map[string]any{"user": *u})
			},
		}, true
	})
}

// updateUser changes a user's settings, the only thing DigitalOcean lets a PUT change.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.withCluster(w, r, func(c *cluster, now time.Time) {
		if refuseUsers(w, r, c) {
			return
		}
		u := c.user(r.PathValue("name"))
		if u == nil {
			writeNotFound(w, r)
			return
		}
		u.Settings = req.settings()
		writeJSON(w, http.StatusCreated, map[string]any{"user": *u})
	})
}

func (s *Server) resetUserAuth(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	if !decodeBody(w, r, &req) {
		return
	}
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refuseUsers(w, r, c) {
			return change{}, false
		}
		u := c.user(r.PathValue("name"))
		if u == nil {
			writeNotFound(w, r)
			return change{}, false
		}
		plugin, msg := req.authPlugin(c)
		if msg != "" {
			writeUnprocessable(w, r, "%s", msg)
			return change{}, false
		}
		password := newPassword()
		return change{
			backend: func(ctx context.Context, b Backend) error { return b.SetPassword(ctx, u.Name, password) },
			apply: func() {
				u.Password = password
				if plugin != "" {
					u.MySQLSettings = &mysqlUserSettings{AuthPlugin: plugin}
				}
				writeJSON(w, http.StatusOK, map[string]any{"user": *u})
			},
		}, true
	})
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	s.changeCluster(w, r, func(c *cluster, now time.Time) (change, bool) {
		if refuseUsers(w, r, c) {
			return change{}, false
		}
		u := c.user(r.PathValue("name"))
		if u == nil {
			writeNotFound(w, r)
			return change{}, false
		}
		if u == c.defaultUser() {
			writeUnprocessable(w, r, "user %q is the cluster's default user and cannot be deleted", u.Name)
			return change{}, false
		}
		if p := c.poolUsing(func(p *pool) bool { return p.User == u.Name }); p != nil {
			writeUnprocessable(w, r, "user %q is the user of connection pool %q; delete or change the pool first", u.Name, p.Name)
			return change{}, false
		}
		return change{
			backend: func(ctx context.Context, b Backend) error { return b.DropRole(ctx, c.ID, u.Name) },
			apply: func() {
				c.users = slices.DeleteFunc(c.users, func(x *dbUser) bool { return x == u })
				writeNoContent(w, http.StatusNoContent)
			},
		}, true
	})
}
