package emulator

// The model of a database cluster and its JSON in DigitalOcean's shape.

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"
)

// cluster is one database cluster as the emulator keeps it.
type cluster struct {
	ID                 string
	Name               string
	Engine             string
	Version            string
	Size               string
	Region             string
	NumNodes           int
	StorageMiB         uint64
	Tags               []string // canonical tag names
	PrivateNetworkUUID string
	ProjectID          string
	CreatedAt          time.Time

	busy      string    // a transitional status (creating, forking, resizing, migrating) ...
	busyUntil time.Time // ... until then
	sticky    string    // a status set through the control API; wins while set

	maintDay, maintHour string
	evictionPolicy      string
	sqlMode             string
	autoscale           *storageAutoscale
	doSettings          json.RawMessage
	rules               []firewallRule

	users    []*dbUser // the default user first
	dbs      []string  // the default database first
	pools    []*pool
	replicas []*replica
	backing  *Credentials // the real role and database behind a pg cluster, if any

	// ops serializes the changes of the cluster's users, databases and pools, whose
	// work at the backing server runs outside Server.mu; take it before Server.mu.
	ops sync.Mutex
}

// defaultUser is the user DigitalOcean creates with the cluster (doadmin, or default for caching).
func (c *cluster) defaultUser() *dbUser { return c.users[0] }

func (c *cluster) user(name string) *dbUser {
	for _, u := range c.users {
		if u.Name == name {
			return u
		}
	}
	return nil
}

func (c *cluster) hasDB(name string) bool { return slices.Contains(c.dbs, name) }

func (c *cluster) status(now time.Time) string {
	if c.sticky != "" {
		return c.sticky
	}
	if c.busy != "" && now.Before(c.busyUntil) {
		return c.busy
	}
	return "online"
}

func (c *cluster) startBusy(status string, now time.Time, d time.Duration) {
	c.sticky = ""
	if d <= 0 {
		c.busy, c.busyUntil = "", time.Time{}
		return
	}
	c.busy, c.busyUntil = status, now.Add(d)
}

// defaultVPC is the UUID of the emulated account's default VPC in a region.
func defaultVPC(region string) string {
	h := fnv.New128a()
	_, _ = h.Write([]byte("vpc:" + region))
	b := h.Sum(nil)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// defaultProjectID is the emulated account's default project.
const defaultProjectID = "6f1c6b5e-2c1a-4c3e-9d0a-000000000001"

// The JSON of a cluster, in DigitalOcean's shape.

type connectionJSON struct {
	Protocol string `json:"protocol"`
	URI      string `json:"uri"`
	Database string `json:"database"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	User     string `json:"user"`
	Password string `json:"password"`
	SSL      bool   `json:"ssl"`
}

type maintenanceJSON struct {
	Day         string   `json:"day"`
	Hour        string   `json:"hour"`
	Pending     bool     `json:"pending"`
	Description []string `json:"description"`
}

type databaseJSON struct {
	ID                       string            `json:"id"`
	Name                     string            `json:"name"`
	Engine                   string            `json:"engine"`
	Version                  string            `json:"version"`
	Connection               *connectionJSON   `json:"connection"`
	PrivateConnection        *connectionJSON   `json:"private_connection"`
	StandbyConnection        *connectionJSON   `json:"standby_connection,omitempty"`
	StandbyPrivateConnection *connectionJSON   `json:"standby_private_connection,omitempty"`
	UIConnection             *connectionJSON   `json:"ui_connection,omitempty"`
	Users                    []dbUser          `json:"users"`
	DBNames                  []string          `json:"db_names"`
	NumNodes                 int               `json:"num_nodes"`
	Region                   string            `json:"region"`
	Status                   string            `json:"status"`
	CreatedAt                string            `json:"created_at"`
	MaintenanceWindow        *maintenanceJSON  `json:"maintenance_window"`
	Size                     string            `json:"size"`
	Tags                     []string          `json:"tags"`
	PrivateNetworkUUID       string            `json:"private_network_uuid"`
	ProjectID                string            `json:"project_id"`
	VersionEndOfLife         string            `json:"version_end_of_life,omitempty"`
	VersionEndOfAvailability string            `json:"version_end_of_availability,omitempty"`
	StorageSizeMiB           uint64            `json:"storage_size_mib,omitempty"`
	StorageAutoscale         *storageAutoscale `json:"storage_autoscale,omitempty"`
	DOSettings               json.RawMessage   `json:"do_settings,omitempty"`
}

func (c *cluster) render(now time.Time) databaseJSON {
	e := engines[c.Engine]
	d := databaseJSON{
		ID:                 c.ID,
		Name:               c.Name,
		Engine:             c.Engine,
		Version:            c.Version,
		NumNodes:           c.NumNodes,
		Region:             c.Region,
		Status:             c.status(now),
		CreatedAt:          c.CreatedAt.UTC().Format(time.RFC3339),
		Size:               c.Size,
		PrivateNetworkUUID: c.PrivateNetworkUUID,
		ProjectID:          c.ProjectID,
		StorageSizeMiB:     c.StorageMiB,
		StorageAutoscale:   c.autoscale,
		DOSettings:         c.doSettings,
		MaintenanceWindow:  &maintenanceJSON{Day: c.maintDay, Hour: c.maintHour, Description: []string{}},
	}
	if len(c.Tags) > 0 {
		d.Tags = append([]string(nil), c.Tags...)
	}
	if v, ok := e.version(c.Version); ok {
		d.VersionEndOfLife, d.VersionEndOfAvailability = v.EndOfLife, v.EndOfAvailability
	}
	for _, u := range c.users {
		d.Users = append(d.Users, *u)
	}
	d.DBNames = append([]string(nil), c.dbs...)
	password := c.defaultUser().Password
	if c.backing != nil {
		conn := c.backedConnection(c.backing.User, password, c.backing.Database)
		d.Connection = conn
		private := *conn
		d.PrivateConnection = &private
		if c.NumNodes > 1 {
			standby, standbyPrivate := *conn, *conn
			d.StandbyConnection, d.StandbyPrivateConnection = &standby, &standbyPrivate
		}
		return d
	}
	host := c.host()
	d.Connection = doConnection(e, host, password)
	d.PrivateConnection = doConnection(e, "private-"+host, password)
	if c.NumNodes > 1 && (c.Engine == "pg" || c.Engine == "mysql") {
		d.StandbyConnection = doConnection(e, "replica-"+host, password)
		d.StandbyPrivateConnection = doConnection(e, "private-replica-"+host, password)
	}
	if c.Engine == "opensearch" {
		ui := doConnection(e, host, password)
		ui.Port = 443
		ui.URI = fmt.Sprintf("https://%s:%s@%s:443", e.User, password, host)
		d.UIConnection = ui
	}
	return d
}

// host is the cluster's public host name at DigitalOcean, when it is not backed.
func (c *cluster) host() string { return hostFor(c.Name) }

func hostFor(name string) string { return name + "-do-user-1-0.b.db.ondigitalocean.com" }

// backedConnection reaches a database of the backing server as one of the cluster's roles.
func (c *cluster) backedConnection(user, password, database string) *connectionJSON {
	b := c.backing
	return &connectionJSON{
		Protocol: "postgresql",
		URI:      postgresURI(user, password, b.Host, b.Port, database, "disable"),
		Database: database, Host: b.Host, Port: b.Port, User: user, Password: password,
	}
}

// doConnection is a connection as DigitalOcean gives it for a cluster that is not backed.
func doConnection(e *engineInfo, host, password string) *connectionJSON {
	c := &connectionJSON{Protocol: e.Protocol, Database: e.Database, Host: host, Port: e.Port, User: e.User, Password: password, SSL: true}
	userinfo := url.UserPassword(e.User, password).String()
	switch e.Slug {
	case "pg":
		c.URI = postgresURI(e.User, password, host, e.Port, e.Database, "require")
	case "mysql":
		c.URI = fmt.Sprintf("mysql://%s@%s:%d/%s?ssl-mode=REQUIRED", userinfo, host, e.Port, e.Database)
	case "redis", "valkey":
		c.URI = fmt.Sprintf("rediss://%s@%s:%d", userinfo, host, e.Port)
	case "mongodb":
		c.URI = fmt.Sprintf("mongodb+srv://%s@%s/%s?tls=true&authSource=admin", userinfo, host, e.Database)
	case "opensearch":
		c.URI = fmt.Sprintf("https://%s@%s:%d", userinfo, host, e.Port)
	}
	return c
}

func postgresURI(user, password, host string, port int, database, sslmode string) string {
	u := url.URL{
		Scheme:   "postgresql",
		User:     url.UserPassword(user, password),
		Host:     net.JoinHostPort(host, strconv.Itoa(port)),
		Path:     "/" + database,
		RawQuery: "sslmode=" + sslmode,
	}
	return u.String()
}

// defaultMaintenance picks a maintenance window from the cluster id, as DigitalOcean assigns one.
func defaultMaintenance(id string) (string, string) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	v := h.Sum32()
	return weekdays[v%7], fmt.Sprintf("%02d:%02d:%02d", v/7%24, v/168%60, v/10080%60)
}
