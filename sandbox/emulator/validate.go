package emulator

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Validation of requests against the catalog. Each check returns "" when the value is fine, or
// the message of a 422 that names the field, as DigitalOcean's messages do.

var (
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	tagPattern  = regexp.MustCompile(`^[a-zA-Z0-9_:-]+$`)
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

func checkName(name string) string {
	switch {
	case name == "":
		return "name is required"
	case len(name) < 3 || len(name) > 63:
		return fmt.Sprintf("name %q must be 3 to 63 characters long", name)
	case !namePattern.MatchString(name):
		return fmt.Sprintf("name %q must start with a lowercase letter and contain only lowercase letters, digits and hyphens", name)
	case strings.HasSuffix(name, "-"):
		return fmt.Sprintf("name %q must not end with a hyphen", name)
	}
	return ""
}

func checkEngine(engine string) (*engineInfo, string) {
	if engine == "" {
		return nil, "engine is required; one of " + strings.Join(engineOrder, ", ")
	}
	e, ok := lookupEngine(engine)
	if !ok {
		return nil, fmt.Sprintf("engine %q is invalid; one of %s", engine, strings.Join(engineOrder, ", "))
	}
	return e, ""
}

func checkVersion(e *engineInfo, version string) string {
	if _, ok := e.version(version); !ok {
		return fmt.Sprintf("version %q is not available for engine %s; available: %s", version, e.Slug, strings.Join(e.versionList(), ", "))
	}
	return ""
}

func checkRegion(e *engineInfo, region string) string {
	switch {
	case region == "":
		return "region is required"
	case !knownRegion(region):
		return fmt.Sprintf("region %q is invalid", region)
	case !e.offersRegion(region):
		return fmt.Sprintf("region %q is not available for engine %s", region, e.Slug)
	}
	return ""
}

func checkSizeAndNodes(e *engineInfo, size string, nodes int) string {
	if size == "" {
		return "size is required"
	}
	allowed := e.nodesFor(size)
	if len(allowed) == 0 {
		return fmt.Sprintf("size %q is not available for engine %s", size, e.Slug)
	}
	if nodes == 0 {
		return "num_nodes is required"
	}
	if !slices.Contains(allowed, nodes) {
		return fmt.Sprintf("num_nodes %d is not available for size %s of engine %s; allowed: %s", nodes, size, e.Slug, joinInts(allowed))
	}
	return ""
}

// checkStorage checks a requested total storage (0 = not given) for a size; current is the
// cluster's storage today (0 for a new cluster), which a resize cannot shrink.
func checkStorage(e *engineInfo, size string, requested, current uint64) string {
	if requested == 0 {
		return ""
	}
	if !e.Storage {
		return fmt.Sprintf("storage_size_mib is not supported for engine %s", e.Slug)
	}
	lo, hi, ok := storageRangeMiB(size)
	if !ok {
		return fmt.Sprintf("storage_size_mib is not supported for size %s", size)
	}
	if requested < lo || requested > hi {
		return fmt.Sprintf("storage_size_mib %d is out of range for size %s: it must be between %d and %d", requested, size, lo, hi)
	}
	if requested < current {
		return fmt.Sprintf("storage_size_mib %d is smaller than the cluster's current storage of %d MiB; storage cannot be reduced", requested, current)
	}
	return ""
}

func checkTags(tags []string) string {
	for _, t := range tags {
		if t == "" || len(t) > 255 || !tagPattern.MatchString(t) {
			return fmt.Sprintf("tags: %q is invalid; a tag has 1 to 255 letters, digits, colons, dashes and underscores", t)
		}
	}
	return ""
}

func checkUUID(field, v string) string {
	if v != "" && !uuidPattern.MatchString(v) {
		return fmt.Sprintf("%s %q is not a valid UUID", field, v)
	}
	return ""
}

type firewallRule struct {
	UUID  string `json:"uuid,omitempty"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

var ruleTypes = []string{"ip_addr", "droplet", "k8s", "tag", "app"}

func checkRules(rules []firewallRule) string {
	for i, r := range rules {
		if !slices.Contains(ruleTypes, r.Type) {
			return fmt.Sprintf("rules[%d].type %q is invalid; one of %s", i, r.Type, strings.Join(ruleTypes, ", "))
		}
		if r.Value == "" {
			return fmt.Sprintf("rules[%d].value is required", i)
		}
	}
	return ""
}

type storageAutoscale struct {
	Enabled          bool    `json:"enabled"`
	ThresholdPercent *int    `json:"threshold_percent,omitempty"`
	IncrementGiB     *uint64 `json:"increment_gib,omitempty"`
}

func checkAutoscale(e *engineInfo, a *storageAutoscale) string {
	if a == nil {
		return ""
	}
	if !e.Storage {
		return fmt.Sprintf("storage autoscaling is not supported for engine %s", e.Slug)
	}
	if a.ThresholdPercent != nil && (*a.ThresholdPercent < 15 || *a.ThresholdPercent > 95) {
		return fmt.Sprintf("threshold_percent %d is out of range: it must be between 15 and 95", *a.ThresholdPercent)
	}
	if a.IncrementGiB != nil && (*a.IncrementGiB < 10 || *a.IncrementGiB > 500) {
		return fmt.Sprintf("increment_gib %d is out of range: it must be between 10 and 500", *a.IncrementGiB)
	}
	return ""
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// checkMaintenance validates a maintenance window and returns it normalized as DigitalOcean
// answers it: a lower-case day and an "HH:MM:SS" hour.
func checkMaintenance(day, hour string) (string, string, string) {
	d := strings.ToLower(strings.TrimSpace(day))
	if d == "" {
		return "", "", "day is required"
	}
	if !slices.Contains(weekdays, d) {
		return "", "", fmt.Sprintf("day %q is invalid; one of %s", day, strings.Join(weekdays, ", "))
	}
	if hour == "" {
		return "", "", "hour is required"
	}
	parts := strings.Split(hour, ":")
	var hms [3]int
	valid := len(parts) == 2 || len(parts) == 3
	for i := 0; valid && i < len(parts); i++ {
		n, err := strconv.Atoi(parts[i])
		limit := 59
		if i == 0 {
			limit = 23
		}
		if err != nil || n < 0 || n > limit || len(parts[i]) > 2 {
			valid = false
			break
		}
		hms[i] = n
	}
	if !valid {
		return "", "", fmt.Sprintf("hour %q is invalid; use 24-hour HH:MM in UTC", hour)
	}
	return d, fmt.Sprintf("%02d:%02d:%02d", hms[0], hms[1], hms[2]), ""
}

var evictionPolicies = []string{"noeviction", "allkeys_lru", "allkeys_random", "volatile_lru", "volatile_random", "volatile_ttl"}

func checkEvictionPolicy(p string) string {
	if !slices.Contains(evictionPolicies, p) {
		return fmt.Sprintf("eviction_policy %q is invalid; one of %s", p, strings.Join(evictionPolicies, ", "))
	}
	return ""
}

var sqlModes = []string{
	"ALLOW_INVALID_DATES", "ANSI_QUOTES", "ERROR_FOR_DIVISION_BY_ZERO", "HIGH_NOT_PRECEDENCE",
	"IGNORE_SPACE", "NO_AUTO_CREATE_USER", "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES",
	"NO_DIR_IN_CREATE", "NO_ENGINE_SUBSTITUTION", "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS",
	"NO_TABLE_OPTIONS", "NO_UNSIGNED_SUBTRACTION", "NO_ZERO_DATE", "NO_ZERO_IN_DATE",
	"ONLY_FULL_GROUP_BY", "PAD_CHAR_TO_FULL_LENGTH", "PIPES_AS_CONCAT", "REAL_AS_FLOAT",
	"STRICT_ALL_TABLES", "STRICT_TRANS_TABLES", "TIME_TRUNCATE_FRACTIONAL",
	"ANSI", "DB2", "MAXDB", "MSSQL", "MYSQL323", "MYSQL40", "ORACLE", "POSTGRESQL", "TRADITIONAL",
}

const defaultSQLMode = "ANSI,ERROR_FOR_DIVISION_BY_ZERO,IGNORE_SPACE,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE,NO_ZERO_IN_DATE,ONLY_FULL_GROUP_BY,PIPES_AS_CONCAT,REAL_AS_FLOAT,STRICT_ALL_TABLES"

func checkSQLMode(mode string) string {
	if strings.TrimSpace(mode) == "" {
		return ""
	}
	for _, m := range strings.Split(mode, ",") {
		if !slices.Contains(sqlModes, strings.ToUpper(strings.TrimSpace(m))) {
			return fmt.Sprintf("sql_mode %q is invalid: unknown mode %q", mode, strings.TrimSpace(m))
		}
	}
	return ""
}

func checkBackupRestore(b *backupRestore) string {
	if b == nil {
		return ""
	}
	if b.DatabaseName == "" {
		return "backup_restore.database_name is required"
	}
	if b.BackupCreatedAt != "" {
		if _, err := time.Parse(time.RFC3339, b.BackupCreatedAt); err != nil {
			return fmt.Sprintf("backup_restore.backup_created_at %q is not an RFC 3339 timestamp", b.BackupCreatedAt)
		}
	}
	return ""
}

type backupRestore struct {
	DatabaseName    string `json:"database_name"`
	BackupCreatedAt string `json:"backup_created_at,omitempty"`
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// firstProblem is the first non-empty message.
func firstProblem(msgs ...string) string {
	for _, m := range msgs {
		if m != "" {
			return m
		}
	}
	return ""
}
