package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseCluster:DatabaseCluster, with the semantics of the official provider
// v4.76.0 (terraform-provider-digitalocean v2.96.0 behind the Pulumi bridge).

const (
	clusterToken          = "digitalocean:index/databaseCluster:DatabaseCluster"
	maintenanceWindowType = "digitalocean:index/DatabaseClusterMaintenanceWindow:DatabaseClusterMaintenanceWindow"
	storageAutoscaleType  = "digitalocean:index/DatabaseClusterStorageAutoscale:DatabaseClusterStorageAutoscale"
	backupRestoreType     = "digitalocean:index/DatabaseClusterBackupRestore:DatabaseClusterBackupRestore"
	regionEnum            = "digitalocean:index:Region"
	slugEnum              = "digitalocean:index:DatabaseSlug"

	statusOnline = "online"
)

var clusterSchema = resourceSchema{
	Token:       clusterToken,
	Description: "Provides a DigitalOcean database cluster resource (sandbox build).",
	Properties: []property{
		// inputs (all of them also in the state)
		{Name: "name", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The name of the database cluster."},
		{Name: "engine", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "Database engine used by the cluster (pg, mysql, valkey, mongodb, kafka, opensearch)."},
		{Name: "version", propType: sString, Input: true, Output: true,
			Description: "Engine version used by the cluster (ex. 14 for PostgreSQL 14)."},
		{Name: "size", propType: propType{Type: "string", OneOf: slugEnum}, Input: true, Output: true, RequiredInput: true, RequiredOutput: true,
			Description: "Database Droplet size associated with the cluster (ex. db-s-1vcpu-1gb)."},
		{Name: "region", propType: propType{Type: "string", OneOf: regionEnum}, Input: true, Output: true, RequiredInput: true, RequiredOutput: true,
			Description: "DigitalOcean region where the cluster will reside."},
		{Name: "nodeCount", propType: sInt, Input: true, Output: true, RequiredInput: true, RequiredOutput: true,
			Description: "Number of nodes that will be included in the cluster."},
		{Name: "privateNetworkUuid", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true, Computed: true,
			Description: "The ID of the VPC where the database cluster will be located."},
		{Name: "projectId", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true, Computed: true,
			Description: "The ID of the project that the database cluster is assigned to."},
		{Name: "storageSizeMib", propType: sString, Input: true, Output: true, RequiredOutput: true, Computed: true,
			Description: "Defines the disk size, in MiB, allocated to the cluster (a decimal string)."},
		{Name: "tags", propType: sStrList, Input: true, Output: true,
			Description: "A list of tag names to be applied to the database cluster."},
		{Name: "maintenanceWindows", propType: propType{Type: "array", Items: &propType{Ref: maintenanceWindowType}}, Input: true, Output: true,
			Description: "Defines when the automatic maintenance should be performed for the database cluster."},
		{Name: "evictionPolicy", propType: sString, Input: true, Output: true,
			Description: "The eviction policy for a Valkey cluster (noeviction, allkeys_lru, ...)."},
		{Name: "sqlMode", propType: sString, Input: true, Output: true,
			Description: "A comma separated string specifying the SQL modes for a MySQL cluster."},
		{Name: "storageAutoscale", propType: propType{Ref: storageAutoscaleType}, Input: true, Output: true,
			Description: "Storage autoscaling configuration for the database cluster."},
		{Name: "backupRestore", propType: propType{Ref: backupRestoreType}, Input: true, Output: true,
			Description: "Create the cluster from a backup of an existing one."},
		// outputs only
		{Name: "clusterUrn", propType: sString, Output: true, RequiredOutput: true, Description: "The uniform resource name of the database cluster."},
		{Name: "host", propType: sString, Output: true, RequiredOutput: true, Description: "Database cluster's hostname."},
		{Name: "port", propType: sInt, Output: true, RequiredOutput: true, Description: "Network port that the database cluster is listening on."},
		{Name: "uri", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "The full URI for connecting to the database cluster."},
		{Name: "database", propType: sString, Output: true, RequiredOutput: true, Description: "Name of the cluster's default database."},
		{Name: "user", propType: sString, Output: true, RequiredOutput: true, Description: "Username for the cluster's default user."},
		{Name: "password", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Password for the cluster's default user."},
		{Name: "privateHost", propType: sString, Output: true, RequiredOutput: true, Description: "Same as host, but only accessible from resources within the account and in the same region."},
		{Name: "privateUri", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Same as uri, but only accessible from resources within the account and in the same region."},
		{Name: "metricsEndpoints", propType: sStrList, Output: true, RequiredOutput: true, Description: "Prometheus-compatible metrics endpoints of the cluster."},
		{Name: "uiDatabase", propType: sString, Output: true, RequiredOutput: true, Description: "Name of the OpenSearch dashboard db."},
		{Name: "uiHost", propType: sString, Output: true, RequiredOutput: true, Description: "Hostname for the OpenSearch dashboard."},
		{Name: "uiPort", propType: sInt, Output: true, RequiredOutput: true, Description: "Network port that the OpenSearch dashboard is listening on."},
		{Name: "uiUri", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "The full URI for connecting to the OpenSearch dashboard."},
		{Name: "uiUser", propType: sString, Output: true, RequiredOutput: true, Description: "Username for OpenSearch dashboard's default user."},
		{Name: "uiPassword", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Password for the OpenSearch dashboard's default user."},
	},
	Types: []objectType{
		{Token: backupRestoreType, Required: []string{"databaseName"}, Properties: []property{
			{Name: "backupCreatedAt", propType: sString, Description: "The timestamp of an existing backup in ISO8601 format."},
			{Name: "databaseName", propType: sString, Description: "The name of an existing database cluster from which the backup will be restored."},
		}},
		{Token: maintenanceWindowType, Required: []string{"day", "hour"}, Properties: []property{
			{Name: "day", propType: sString, Description: "The day of the week on which to apply maintenance updates (monday to sunday)."},
			{Name: "hour", propType: sString, Description: "The hour in UTC at which maintenance updates will be applied, e.g. 13:00."},
		}},
		{Token: storageAutoscaleType, Required: []string{"enabled"}, Properties: []property{
			{Name: "enabled", propType: sBool, Description: "Whether storage autoscaling is enabled for the cluster."},
			{Name: "incrementGib", propType: sInt, Description: "The amount of storage, in GiB, to add when autoscaling is triggered."},
			{Name: "thresholdPercent", propType: sInt, Description: "The storage utilization percentage at which autoscaling is triggered."},
		}},
	},
	Enums: []enumType{
		{Token: regionEnum, Values: []enumValue{
			{"NYC1", "nyc1"}, {"NYC2", "nyc2"}, {"NYC3", "nyc3"}, {"SGP1", "sgp1"}, {"LON1", "lon1"}, {"AMS2", "ams2"},
			{"AMS3", "ams3"}, {"FRA1", "fra1"}, {"TOR1", "tor1"}, {"SFO1", "sfo1"}, {"SFO2", "sfo2"}, {"SFO3", "sfo3"},
			{"BLR1", "blr1"}, {"SYD1", "syd1"}}},
		{Token: slugEnum, Values: []enumValue{
			{"DB_1VPCU1GB", "db-s-1vcpu-1gb"}, {"DB_1VPCU2GB", "db-s-1vcpu-2gb"}, {"DB_2VPCU4GB", "db-s-2vcpu-4gb"},
			{"DB_4VPCU8GB", "db-s-4vcpu-8gb"}, {"DB_6VPCU16GB", "db-s-6vcpu-16gb"}, {"DB_8VPCU32GB", "db-s-8vcpu-32gb"},
			{"DB_16VPCU64GB", "db-s-16vcpu-64gb"}}},
	},
}

type databaseCluster struct{}

func (databaseCluster) token() string          { return clusterToken }
func (databaseCluster) schema() resourceSchema { return clusterSchema }

// ---- the inputs as Go values

type maintWindow struct{ Day, Hour string }

type clusterSpec struct {
	Name, Engine, Version, Size, Region string
	NodeCount                           int
	PrivateNetworkUUID, ProjectID       string
	StorageSizeMib                      uint64
	HasStorage                          bool
	Tags                                []string
	Maintenance                         []maintWindow
	EvictionPolicy, SQLMode             string
	Autoscale                           *godo.DatabaseStorageAutoscale
	BackupRestore                       *godo.DatabaseBackupRestore
}

// getString reads a string input (numbers are written as decimal strings, as the bridge does).
func getString(m resource.PropertyMap, key string) string {
	v, _ := peel(m[resource.PropertyKey(key)])
	switch {
	case v.IsString():
		return v.StringValue()
	case v.IsNumber():
		return strconv.FormatFloat(v.NumberValue(), 'f', -1, 64)
	}
	return ""
}

func getStrings(m resource.PropertyMap, key string) []string {
	v, _ := peel(m[resource.PropertyKey(key)])
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.ArrayValue() {
		if s, ok := asString(e); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

func getObject(m resource.PropertyMap, key string) (resource.PropertyMap, bool) {
	v, _ := peel(m[resource.PropertyKey(key)])
	if v.IsObject() {
		return v.ObjectValue(), true
	}
	return nil, false
}

// parseStorage reads storageSizeMib, a decimal string of MiB (a number is accepted too).
func parseStorage(v resource.PropertyValue) (uint64, error) {
	v, _ = peel(v)
	var raw string
	switch {
	case v.IsString():
		raw = strings.TrimSpace(v.StringValue())
	case v.IsNumber():
		raw = strconv.FormatFloat(v.NumberValue(), 'f', -1, 64)
	default:
		return 0, fmt.Errorf("expected a decimal string of MiB, got %s", typeName(v))
	}
	n, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("expected a decimal string of MiB such as \"10240\", got %q", raw)
	}
	return n, nil
}

// parseSpec reads checked inputs (or a state) into a clusterSpec.
func parseSpec(m resource.PropertyMap) clusterSpec {
	s := clusterSpec{
		Name:               getString(m, "name"),
		Engine:             getString(m, "engine"),
		Version:            getString(m, "version"),
		Size:               getString(m, "size"),
		Region:             strings.ToLower(getString(m, "region")),
		PrivateNetworkUUID: getString(m, "privateNetworkUuid"),
		ProjectID:          getString(m, "projectId"),
		Tags:               getStrings(m, "tags"),
		EvictionPolicy:     getString(m, "evictionPolicy"),
		SQLMode:            getString(m, "sqlMode"),
	}
	if n, err := asInt(m["nodeCount"]); err == nil {
		s.NodeCount = int(n)
	}
	if present(m, "storageSizeMib") {
		if n, err := parseStorage(m["storageSizeMib"]); err == nil {
			s.StorageSizeMib, s.HasStorage = n, true
		}
	}
	if v, _ := peel(m["maintenanceWindows"]); v.IsArray() {
		for _, e := range v.ArrayValue() {
			if e, _ := peel(e); e.IsObject() {
				s.Maintenance = append(s.Maintenance, maintWindow{Day: getString(e.ObjectValue(), "day"), Hour: getString(e.ObjectValue(), "hour")})
			}
		}
	}
	if o, ok := getObject(m, "storageAutoscale"); ok {
		a := &godo.DatabaseStorageAutoscale{}
		a.Enabled, _ = asBool(o["enabled"])
		if present(o, "thresholdPercent") {
			if n, err := asInt(o["thresholdPercent"]); err == nil {
				a.ThresholdPercent = godo.PtrTo(int(n))
			}
		}
		if present(o, "incrementGib") {
			if n, err := asInt(o["incrementGib"]); err == nil {
				a.IncrementGib = godo.PtrTo(uint64(n))
			}
		}
		s.Autoscale = a
	}
	if o, ok := getObject(m, "backupRestore"); ok {
		s.BackupRestore = &godo.DatabaseBackupRestore{DatabaseName: getString(o, "databaseName"), BackupCreatedAt: getString(o, "backupCreatedAt")}
	}
	return s
}

// ---- Check

func (databaseCluster) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(clusterSchema, news)

	failures = append(failures, defaultName(req, news)...)
	failures = append(failures, missingInputs(news, "engine", "size", "region", "nodeCount")...)
	if !present(news, "version") {
		// The official provider's CustomizeDiff (transitionVersionToRequired) in the same words.
		if old := getString(req.Olds, "version"); old != "" {
			failures = append(failures, failure("version", "The argument \"version\" is now required. Set the %v version to the value saved to state: %v",
				getString(news, "engine"), old))
		} else {
			failures = append(failures, failure("version", "The argument \"version\" is required, but no definition was found."))
		}
	}
	failures = append(failures, emptyStrings(news, "name", "engine", "size", "region", "version", "privateNetworkUuid", "projectId", "evictionPolicy")...)
	if known(news, "nodeCount") {
		if n, err := asInt(news["nodeCount"]); err == nil && n < 1 {
			failures = append(failures, failure("nodeCount", "nodeCount must be at least 1, got %d", n))
		}
	}
	failures = append(failures, storageFailures(news)...)
	failures = append(failures, tagFailures(news)...)
	if o, ok := getObject(news, "storageAutoscale"); ok && !unknown(news["storageAutoscale"]) {
		if present(o, "thresholdPercent") {
			if n, err := asInt(o["thresholdPercent"]); err == nil && (n < 15 || n > 95) {
				failures = append(failures, failure("storageAutoscale.thresholdPercent", "expected thresholdPercent to be in the range (15 - 95), got %d", n))
			}
		}
		if present(o, "incrementGib") {
			if n, err := asInt(o["incrementGib"]); err == nil && n < 10 {
				failures = append(failures, failure("storageAutoscale.incrementGib", "expected incrementGib to be at least (10), got %d", n))
			}
		}
	}
	// validateExclusiveAttributes, in the official words.
	if known(news, "engine") {
		engine := getString(news, "engine")
		if present(news, "sqlMode") && getString(news, "sqlMode") != "" && engine != "mysql" {
			failures = append(failures, failure("sqlMode", "sql_mode is only supported for MySQL Database Clusters"))
		}
		if present(news, "evictionPolicy") && engine != "redis" && engine != "valkey" {
			failures = append(failures, failure("evictionPolicy", "eviction_policy is only supported for Redis or Valkey Database Clusters"))
		}
	}
	return news, failures, nil
}

// ---- Diff

// clusterChanges compares new inputs with the old state (what DigitalOcean last reported).
func clusterChanges(olds, news resource.PropertyMap, ignore []string) []change {
	engine := getString(news, "engine")
	if engine == "" {
		engine = getString(olds, "engine")
	}
	return inputChanges(clusterSchema, olds, news, ignore, func(key string, ov, nv resource.PropertyValue) bool {
		return sameValue(key, ov, nv, engine)
	})
}

// sameValue compares an old and a new value of an input the way the official provider does
// (StateFuncs and DiffSuppressFuncs included).
func sameValue(key string, ov, nv resource.PropertyValue, engine string) bool {
	ov, nv = plain(ov), plain(nv)
	switch key {
	case "region":
		o, _ := asString(ov)
		n, _ := asString(nv)
		return strings.EqualFold(o, n) // DigitalOcean's slugs are lower case; the provider lowercases
	case "engine":
		o, _ := asString(ov)
		n, _ := asString(nv)
		caching := map[string]bool{"redis": true, "valkey": true}
		return o == n || (caching[o] && caching[n])
	case "version":
		o, _ := asString(ov)
		n, _ := asString(nv)
		if o == n {
			return true
		}
		// A Redis cluster force-upgraded by DigitalOcean is not downgraded.
		oi, err1 := strconv.Atoi(o)
		ni, err2 := strconv.Atoi(n)
		return engine == "redis" && err1 == nil && err2 == nil && oi > ni
	case "nodeCount":
		o, err1 := asInt(ov)
		n, err2 := asInt(nv)
		return err1 == nil && err2 == nil && o == n
	case "storageSizeMib":
		o, err1 := parseStorage(ov)
		n, err2 := parseStorage(nv)
		if err1 == nil && err2 == nil {
			return o == n
		}
		return getString(resource.PropertyMap{"v": ov}, "v") == getString(resource.PropertyMap{"v": nv}, "v")
	case "tags":
		return sameTagSet(getStrings(resource.PropertyMap{"t": ov}, "t"), getStrings(resource.PropertyMap{"t": nv}, "t"))
	case "maintenanceWindows":
		o := parseSpec(resource.PropertyMap{"maintenanceWindows": ov}).Maintenance
		n := parseSpec(resource.PropertyMap{"maintenanceWindows": nv}).Maintenance
		if len(o) != len(n) {
			return false
		}
		for i := range o {
			if !strings.EqualFold(o[i].Day, n[i].Day) || hourMinute(o[i].Hour) != hourMinute(n[i].Hour) {
				return false
			}
		}
		return true
	case "storageAutoscale", "backupRestore":
		return sameObject(ov, nv)
	}
	return ov.DeepEquals(nv)
}

// hourMinute cuts "13:00:00" to "13:00" (DigitalOcean answers with seconds).
func hourMinute(h string) string {
	parts := strings.Split(h, ":")
	if len(parts) == 3 {
		return strings.Join(parts[:2], ":")
	}
	return h
}

func sameTagSet(a, b []string) bool {
	set := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[strings.ToLower(x)] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}

// sameObject compares the fields the new object sets (unset nested fields are DigitalOcean's).
func sameObject(ov, nv resource.PropertyValue) bool {
	if !ov.IsObject() || !nv.IsObject() {
		return ov.DeepEquals(nv)
	}
	o, n := ov.ObjectValue(), nv.ObjectValue()
	for k, v := range n {
		if v.IsNull() {
			continue
		}
		if !o[k].DeepEquals(v) {
			return false
		}
	}
	return true
}

func (databaseCluster) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	olds := req.OldOutputs
	if len(olds) == 0 {
		olds = req.OldInputs
	}
	return diffResponse(clusterSchema, clusterChanges(olds, req.News, req.IgnoreChanges), req.News), nil
}

// ---- outputs

// buildURI puts the password DigitalOcean gave at create time into a connection URI (later answers
// may leave it out); Kafka clusters have host:port instead.
func buildURI(conn *godo.DatabaseConnection, engine, password string) string {
	if conn == nil {
		return ""
	}
	if engine == "kafka" {
		if conn.Host == "" {
			return ""
		}
		return net.JoinHostPort(conn.Host, strconv.Itoa(conn.Port))
	}
	if conn.URI == "" {
		return ""
	}
	u, err := url.Parse(conn.URI)
	if err != nil {
		return conn.URI
	}
	u.User = url.UserPassword(conn.User, password)
	return u.String()
}

// extras are the values that need their own GETs, read only when the program sets them.
type clusterExtras struct {
	EvictionPolicy *string
	SQLMode        *string
	Autoscale      *godo.DatabaseStorageAutoscale
	Maintenance    bool
}

// clusterOutputs renders a DigitalOcean answer as the resource's state. password is the one to keep
// (from the create answer or the old state) when the answer has none; configured holds the inputs,
// for the values DigitalOcean does not report (backupRestore) and for the fallbacks.
func clusterOutputs(db *godo.Database, password string, configured resource.PropertyMap, extras clusterExtras) resource.PropertyMap {
	spec := parseSpec(configured)
	or := func(v, fallback string) string {
		if v != "" {
			return v
		}
		return fallback
	}
	engine := or(db.EngineSlug, spec.Engine)
	outs := resource.PropertyMap{
		"name":               str(or(db.Name, spec.Name)),
		"engine":             str(engine),
		"size":               str(or(db.SizeSlug, spec.Size)),
		"region":             str(or(db.RegionSlug, spec.Region)),
		"privateNetworkUuid": str(db.PrivateNetworkUUID),
		"projectId":          str(db.ProjectID),
		"storageSizeMib":     str(strconv.FormatUint(db.StorageSizeMib, 10)),
		"clusterUrn":         str(db.URN()),
		"tags":               strList(nonEmpty(db.Tags)),
	}
	nodes := db.NumNodes
	if nodes == 0 {
		nodes = spec.NodeCount
	}
	outs["nodeCount"] = num(int64(nodes))
	if v := or(db.VersionSlug, spec.Version); v != "" {
		outs["version"] = str(v)
	}

	conn := db.Connection
	if conn != nil && conn.Password != "" {
		password = conn.Password
	}
	var host, database, user string
	var port int
	if conn != nil {
		host, port, database, user = conn.Host, conn.Port, conn.Database, conn.User
	}
	outs["host"] = str(host)
	outs["port"] = num(int64(port))
	outs["database"] = str(database)
	outs["user"] = str(user)
	outs["password"] = resource.MakeSecret(str(password))
	outs["uri"] = resource.MakeSecret(str(buildURI(conn, engine, password)))
	privateHost := ""
	if db.PrivateConnection != nil {
		privateHost = db.PrivateConnection.Host
	}
	outs["privateHost"] = str(privateHost)
	outs["privateUri"] = resource.MakeSecret(str(buildURI(db.PrivateConnection, engine, password)))

	ui := db.UIConnection
	if ui == nil {
		ui = &godo.DatabaseConnection{}
	}
	outs["uiHost"] = str(ui.Host)
	outs["uiPort"] = num(int64(ui.Port))
	outs["uiDatabase"] = str(ui.Database)
	outs["uiUser"] = str(ui.User)
	outs["uiPassword"] = resource.MakeSecret(str(ui.Password))
	outs["uiUri"] = resource.MakeSecret(str(ui.URI))

	endpoints := make([]string, 0, len(db.MetricsEndpoints))
	for _, e := range db.MetricsEndpoints {
		if e != nil {
			endpoints = append(endpoints, fmt.Sprintf("https://%s:%d/metrics", e.Host, e.Port))
		}
	}
	outs["metricsEndpoints"] = strList(endpoints)

	if extras.Maintenance && db.MaintenanceWindow != nil {
		outs["maintenanceWindows"] = resource.NewArrayProperty([]resource.PropertyValue{
			resource.NewObjectProperty(resource.PropertyMap{"day": str(db.MaintenanceWindow.Day), "hour": str(db.MaintenanceWindow.Hour)}),
		})
	} else if present(configured, "maintenanceWindows") && extras.Maintenance {
		outs["maintenanceWindows"] = plain(configured["maintenanceWindows"])
	}
	if extras.EvictionPolicy != nil {
		outs["evictionPolicy"] = str(*extras.EvictionPolicy)
	}
	if extras.SQLMode != nil {
		outs["sqlMode"] = str(*extras.SQLMode)
	}
	if a := extras.Autoscale; a != nil {
		o := resource.PropertyMap{"enabled": resource.NewBoolProperty(a.Enabled)}
		if a.ThresholdPercent != nil {
			o["thresholdPercent"] = num(int64(*a.ThresholdPercent))
		}
		if a.IncrementGib != nil {
			o["incrementGib"] = num(int64(*a.IncrementGib))
		}
		outs["storageAutoscale"] = resource.NewObjectProperty(o)
	}
	if present(configured, "backupRestore") {
		outs["backupRestore"] = plain(configured["backupRestore"])
	}
	// Inputs that were secret stay secret in the state.
	annotateSecrets(outs, configured)
	return outs
}

func nonEmpty(xs []string) []string {
	out := []string{}
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// readExtras makes the extra GETs for what the program configures, as the official Read does.
func readExtras(ctx context.Context, c *godo.Client, db *godo.Database, configured resource.PropertyMap) (clusterExtras, error) {
	x := clusterExtras{Maintenance: present(configured, "maintenanceWindows")}
	if present(configured, "evictionPolicy") {
		p, _, err := c.Databases.GetEvictionPolicy(ctx, db.ID)
		if err != nil {
			return x, fmt.Errorf("Error retrieving eviction policy for database cluster: %s", err)
		}
		x.EvictionPolicy = &p
	}
	if present(configured, "sqlMode") {
		m, _, err := c.Databases.GetSQLMode(ctx, db.ID)
		if err != nil {
			return x, fmt.Errorf("Error retrieving SQL mode for database cluster: %s", err)
		}
		x.SQLMode = &m
	}
	if present(configured, "storageAutoscale") {
		a := db.StorageAutoscale
		if a == nil {
			var err error
			if a, _, err = c.Databases.GetStorageAutoscale(ctx, db.ID); err != nil {
				return x, fmt.Errorf("Error retrieving storage autoscale for database cluster: %s", err)
			}
		}
		x.Autoscale = a
	}
	return x, nil
}

func oldPassword(state resource.PropertyMap) string {
	return getString(state, "password")
}

// ---- Create

func (h databaseCluster) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	inputs := req.Inputs
	if req.Preview {
		return "", previewOutputs(inputs), nil
	}
	spec := parseSpec(inputs)
	opts := &godo.DatabaseCreateRequest{
		Name:               spec.Name,
		EngineSlug:         spec.Engine,
		Version:            spec.Version,
		SizeSlug:           spec.Size,
		Region:             spec.Region,
		NumNodes:           spec.NodeCount,
		Tags:               spec.Tags,
		PrivateNetworkUUID: spec.PrivateNetworkUUID, // "" when unset, as godo sends it
		ProjectID:          spec.ProjectID,
		BackupRestore:      spec.BackupRestore,
		StorageAutoscale:   spec.Autoscale,
	}
	if spec.HasStorage {
		opts.StorageSizeMib = spec.StorageSizeMib
	}
	created, _, err := env.client.Databases.Create(ctx, opts)
	if err != nil {
		return "", nil, apiError(ctx, "Error creating database cluster", err)
	}
	if created == nil || created.ID == "" {
		return "", nil, errors.New("Error creating database cluster: DigitalOcean's answer has no cluster id")
	}
	id := created.ID
	password := ""
	if created.Connection != nil {
		password = created.Connection.Password
	}
	logf("created database cluster %s (%s), waiting for %q", id, created.Name, statusOnline)
	partial := func(db *godo.Database, err error) error {
		if db == nil {
			db = created
		}
		return &partialError{ID: id, Outputs: clusterOutputs(db, password, inputs, clusterExtras{}),
			Reason: fmt.Errorf("Error creating database cluster: %w", err)}
	}

	timeout := req.Timeout
	if timeout <= 0 {
		timeout = env.waitTimeout
	}
	last, err := waitForStatus(ctx, env, id, statusOnline, timeout)
	if err != nil {
		return "", nil, partial(last, acceptedButNotReady(id, last, err))
	}

	if len(spec.Maintenance) > 0 {
		w := spec.Maintenance[0]
		if _, err := env.client.Databases.UpdateMaintenance(ctx, id, &godo.DatabaseUpdateMaintenanceRequest{Day: w.Day, Hour: w.Hour}); err != nil {
			return "", nil, partial(last, fmt.Errorf("adding maintenance window: %w", wrapCtx(ctx, err)))
		}
	}
	if spec.EvictionPolicy != "" {
		if _, err := env.client.Databases.SetEvictionPolicy(ctx, id, spec.EvictionPolicy); err != nil {
			return "", nil, partial(last, fmt.Errorf("adding eviction policy: %w", wrapCtx(ctx, err)))
		}
	}
	if spec.SQLMode != "" {
		if _, err := env.client.Databases.SetSQLMode(ctx, id, spec.SQLMode); err != nil {
			return "", nil, partial(last, fmt.Errorf("adding SQL mode: %w", wrapCtx(ctx, err)))
		}
	}
	outs, err := readCluster(ctx, env.client, id, password, inputs)
	if err != nil {
		return "", nil, partial(last, err)
	}
	if outs == nil {
		return "", nil, partial(last, errors.New("the cluster was not found right after it came online"))
	}
	return id, outs, nil
}

// acceptedButNotReady explains a wait that did not end with the cluster online.
func acceptedButNotReady(id string, last *godo.Database, err error) error {
	status := ""
	if last != nil {
		status = last.Status
	}
	return notReadyError("database cluster", id, status, statusOnline, err)
}

// previewOutputs are the planned state of a create: the inputs, with what DigitalOcean computes unknown.
func previewOutputs(inputs resource.PropertyMap) resource.PropertyMap {
	outs := plannedOutputs(clusterSchema, inputs)
	if s, ok := asString(outs["region"]); ok {
		outs["region"] = str(strings.ToLower(s))
		annotateSecrets(outs, resource.PropertyMap{"region": inputs["region"]})
	}
	return outs
}

// waitForStatus polls the cluster until it has the status, as the official provider does (a GET
// every poll interval, a 404 means not visible yet). It returns the last answer it had.
func waitForStatus(ctx context.Context, env *opEnv, id, status string, timeout time.Duration) (*godo.Database, error) {
	var last *godo.Database
	err := poll(ctx, env.pollInterval, timeout, func(ctx context.Context) (bool, error) {
		db, resp, err := env.client.Databases.Get(ctx, id)
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("Error trying to read database cluster state: %s", err)
		}
		last = db
		return db.Status == status, nil
	})
	return last, err
}

// apiError words a failed call: DigitalOcean's own message (godo's ErrorResponse), or the
// cancellation when the engine cut the call short.
func apiError(ctx context.Context, what string, err error) error {
	return fmt.Errorf("%s: %w", what, wrapCtx(ctx, err))
}

func wrapCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}

// readCluster GETs the cluster and renders its state; nil outputs mean 404 (gone).
func readCluster(ctx context.Context, c *godo.Client, id, password string, configured resource.PropertyMap) (resource.PropertyMap, error) {
	db, resp, err := c.Databases.Get(ctx, id)
	if err != nil {
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return nil, nil
		}
		return nil, apiError(ctx, "Error retrieving database cluster", err)
	}
	extras, err := readExtras(ctx, c, db, configured)
	if err != nil {
		return nil, wrapCtx(ctx, err)
	}
	return clusterOutputs(db, password, configured, extras), nil
}

// ---- Read

func (h databaseCluster) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	configured := req.Inputs
	if len(configured) == 0 {
		configured = req.State
	}
	outs, err := readCluster(ctx, env.client, req.ID, oldPassword(req.State), configured)
	if err != nil {
		return readResult{}, err
	}
	if outs == nil {
		return readResult{}, nil // 404: gone
	}
	annotateSecrets(outs, req.State)
	return readResult{ID: req.ID, Outputs: outs, Inputs: readInputs(req.Inputs, outs)}, nil
}

// importedInputs are the inputs an import (a Read without old inputs) records.
var importedInputs = []string{"name", "engine", "version", "size", "region", "nodeCount", "tags",
	"privateNetworkUuid", "projectId", "storageSizeMib"}

// readInputs are the inputs after a refresh, with DigitalOcean's current values (see refreshedInputs).
func readInputs(oldInputs, outs resource.PropertyMap) resource.PropertyMap {
	engine := getString(outs, "engine")
	return refreshedInputs(clusterSchema, oldInputs, outs, importedInputs, func(key string, ov, nv resource.PropertyValue) bool {
		return sameValue(key, ov, nv, engine)
	})
}

// ---- Update

func (h databaseCluster) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	olds, news := req.OldOutputs, req.News
	if len(olds) == 0 {
		olds = req.OldInputs
	}
	if req.Preview {
		outs := olds.Copy()
		for k, v := range news {
			if !isInternalKey(k) {
				outs[k] = v
			}
		}
		return outs, nil
	}
	changes := clusterChanges(olds, news, nil)
	changed := map[string]bool{}
	for _, c := range changes {
		if c.Replace {
			return nil, fmt.Errorf("Error updating database cluster: %s can only change by replacing the cluster", c.Key)
		}
		changed[c.Key] = true
	}
	spec := parseSpec(news)
	id, c := req.ID, env.client
	password := oldPassword(olds)
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = env.waitTimeout
	}

	// What has been done so far, for a partial update: the old state with the applied inputs.
	applied := olds.Copy()
	mutated := false
	apply := func(keys ...string) {
		mutated = true
		for _, k := range keys {
			if present(news, k) {
				applied[resource.PropertyKey(k)] = news[resource.PropertyKey(k)]
			} else {
				delete(applied, resource.PropertyKey(k))
			}
		}
	}
	fail := func(what string, err error) error {
		err = fmt.Errorf("%s: %w", what, wrapCtx(ctx, err))
		if !mutated {
			return err
		}
		return &partialError{ID: id, Outputs: applied, Reason: err}
	}
	wait := func(what string) error {
		last, err := waitForStatus(ctx, env, id, statusOnline, timeout)
		if err != nil {
			return &partialError{ID: id, Outputs: applied, Reason: fmt.Errorf("%s: %w", what, acceptedButNotReady(id, last, err))}
		}
		return nil
	}

	if changed["size"] || changed["nodeCount"] || changed["storageSizeMib"] {
		r := &godo.DatabaseResizeRequest{SizeSlug: spec.Size, NumNodes: spec.NodeCount}
		// Only a changed storage size is sent, as the official provider does.
		if changed["storageSizeMib"] && spec.HasStorage {
			r.StorageSizeMib = spec.StorageSizeMib
		}
		if _, err := c.Databases.Resize(ctx, id, r); err != nil {
			return nil, fail("Error resizing database cluster", err)
		}
		apply("size", "nodeCount", "storageSizeMib")
		if err := wait("Error resizing database cluster"); err != nil {
			return nil, err
		}
	}
	if changed["region"] {
		if _, err := c.Databases.Migrate(ctx, id, &godo.DatabaseMigrateRequest{Region: spec.Region}); err != nil {
			return nil, fail("Error migrating database cluster", err)
		}
		apply("region")
		if err := wait("Error migrating database cluster"); err != nil {
			return nil, err
		}
	}
	if changed["maintenanceWindows"] && len(spec.Maintenance) > 0 {
		w := spec.Maintenance[0]
		if _, err := c.Databases.UpdateMaintenance(ctx, id, &godo.DatabaseUpdateMaintenanceRequest{Day: w.Day, Hour: w.Hour}); err != nil {
			return nil, fail("Error updating maintenance window for database cluster", err)
		}
		apply("maintenanceWindows")
	}
	if changed["evictionPolicy"] {
		policy := spec.EvictionPolicy
		if policy == "" {
			policy = godo.EvictionPolicyNoEviction // removed from the program: back to noeviction
		}
		if _, err := c.Databases.SetEvictionPolicy(ctx, id, policy); err != nil {
			return nil, fail("Error updating eviction policy for database cluster", err)
		}
		apply("evictionPolicy")
	}
	if changed["sqlMode"] {
		if _, err := c.Databases.SetSQLMode(ctx, id, spec.SQLMode); err != nil {
			return nil, fail("Error updating SQL mode for database cluster", err)
		}
		apply("sqlMode")
	}
	if changed["version"] {
		if _, err := c.Databases.UpgradeMajorVersion(ctx, id, &godo.UpgradeVersionRequest{Version: spec.Version}); err != nil {
			return nil, fail("Error upgrading version for database cluster", err)
		}
		apply("version")
	}
	if changed["tags"] {
		if err := setTags(ctx, c, id, getStrings(olds, "tags"), spec.Tags, func() { mutated = true }); err != nil {
			return nil, fail("Error updating tags", err)
		}
		apply("tags")
	}
	if changed["storageAutoscale"] && spec.Autoscale != nil {
		if _, err := c.Databases.UpdateStorageAutoscale(ctx, id, spec.Autoscale); err != nil {
			return nil, fail("Error updating storage autoscale for database cluster", err)
		}
		apply("storageAutoscale")
	}

	if !mutated {
		// Nothing to send: the engine asks again for a resource it recorded half-done (a create
		// that was cancelled or timed out). If the cluster is still on its way, wait for it.
		db, _, err := c.Databases.Get(ctx, id)
		if err != nil {
			return nil, apiError(ctx, "Error retrieving database cluster", err)
		}
		if db.Status != statusOnline {
			if err := wait("Error waiting for database cluster"); err != nil {
				return nil, err
			}
		}
	}
	outs, err := readCluster(ctx, c, id, password, news)
	if err != nil {
		if mutated {
			return nil, &partialError{ID: id, Outputs: applied, Reason: err}
		}
		return nil, err
	}
	if outs == nil {
		return nil, fmt.Errorf("Error updating database cluster: cluster %s no longer exists (refresh the stack)", id)
	}
	annotateSecrets(outs, olds)
	return outs, nil
}

// setTags moves the cluster from the old tags to the new ones: untag what went, create (DigitalOcean
// keeps one tag per name) and tag what came, as the official provider's tag helper does.
func setTags(ctx context.Context, c *godo.Client, id string, oldTags, newTags []string, mutated func()) error {
	lower := func(xs []string) map[string]string {
		m := map[string]string{}
		for _, x := range xs {
			m[strings.ToLower(x)] = x
		}
		return m
	}
	om, nm := lower(oldTags), lower(newTags)
	var remove, add []string
	for k, v := range om {
		if _, ok := nm[k]; !ok {
			remove = append(remove, v)
		}
	}
	for k, v := range nm {
		if _, ok := om[k]; !ok {
			add = append(add, v)
		}
	}
	sort.Strings(remove)
	sort.Strings(add)
	res := []godo.Resource{{ID: id, Type: godo.DatabaseResourceType}}
	for _, t := range remove {
		if _, err := c.Tags.UntagResources(ctx, t, &godo.UntagResourcesRequest{Resources: res}); err != nil {
			return err
		}
		mutated()
	}
	for _, t := range add {
		name := t
		created, resp, err := c.Tags.Create(ctx, &godo.TagCreateRequest{Name: t})
		if err != nil {
			// A tag that exists already is fine: it only has to be there.
			if resp == nil || (resp.StatusCode != http.StatusConflict && resp.StatusCode != http.StatusUnprocessableEntity) ||
				!strings.Contains(strings.ToLower(err.Error()), "exist") {
				return err
			}
		} else if created != nil && created.Name != "" {
			name = created.Name
		}
		if _, err := c.Tags.TagResources(ctx, name, &godo.TagResourcesRequest{Resources: res}); err != nil {
			return err
		}
		mutated()
	}
	return nil
}

// ---- Delete

func (h databaseCluster) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	// Any non-2xx is an error, 404 included (as the official provider); no wait.
	if _, err := env.client.Databases.Delete(ctx, req.ID); err != nil {
		return apiError(ctx, "Error deleting database cluster", err)
	}
	logf("deleted database cluster %s", req.ID)
	return nil
}
