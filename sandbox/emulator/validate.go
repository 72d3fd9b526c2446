package emulator

import (
	"fmt"
	"net/netip"
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

// objectPattern is what the emulator accepts as the name of a user, database or pool: letters,
// digits, underscores, hyphens and periods, not starting with a hyphen or period.
var objectPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

func checkObjectName(what, name string, minLen, maxLen int) string {
	switch {
	case name == "":
		return "name is required"
	case len(name) < minLen || len(name) > maxLen:
		return fmt.Sprintf("name %q: a %s name has %d to %d characters", name, what, minLen, maxLen)
	case !objectPattern.MatchString(name):
		return fmt.Sprintf("name %q: a %s name has letters, digits, underscores, hyphens and periods, and starts with a letter, digit or underscore", name, what)
	}
	return ""
}

// checkUserName: PostgreSQL's names have at most 63 bytes, and it reserves the pg_ prefix for roles.
func checkUserName(engine, name string) string {
	if msg := checkObjectName("user", name, 1, 63); msg != "" {
		return msg
	}
	if engine == "pg" && strings.HasPrefix(strings.ToLower(name), "pg_") {
		return fmt.Sprintf("name %q: PostgreSQL reserves names starting with pg_", name)
	}
	return ""
}

func checkDBName(name string) string { return checkObjectName("database", name, 1, 63) }

// checkPoolName: DigitalOcean's pool names have 3 to 60 characters.
func checkPoolName(name string) string { return checkObjectName("connection pool", name, 3, 60) }

// firewallRule is a trusted source. A request sets type and value (and a description); the
// emulator stamps the rest.
type firewallRule struct {
	UUID        string `json:"uuid"`
	ClusterUUID string `json:"cluster_uuid"`
	Type        string `json:"type"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	CreatedAt   string `json:"created_at"`
}

var ruleTypes = []string{"ip_addr", "droplet", "k8s", "tag", "app"}

// maxRules is DigitalOcean's limit of trusted sources per cluster.
const maxRules = 100

var dropletIDPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)

func checkRules(rules []firewallRule) string {
	if len(rules) > maxRules {
		return fmt.Sprintf("rules: %d rules are more than the %d a cluster can have", len(rules), maxRules)
	}
	for i, r := range rules {
		if !slices.Contains(ruleTypes, r.Type) {
			return fmt.Sprintf("rules[%d].type %q is invalid; one of %s", i, r.Type, strings.Join(ruleTypes, ", "))
		}
		if r.Value == "" {
			return fmt.Sprintf("rules[%d].value is required", i)
		}
		if msg := checkRuleValue(r.Type, r.Value); msg != "" {
			return fmt.Sprintf("rules[%d].value %q %s", i, r.Value, msg)
		}
	}
	return ""
}

// checkRuleValue says what is wrong with a value for its type ("" if nothing).
func checkRuleValue(typ, v string) string {
	switch typ {
	case "ip_addr":
		addr, err := netip.ParseAddr(v)
		if err != nil {
			prefix, perr := netip.ParsePrefix(v)
			if perr != nil {
				return "is not an IP address or a CIDR block"
			}
			addr = prefix.Addr()
		}
		// DigitalOcean: "You cannot add IPv6 addresses as trusted sources."
		if !addr.Is4() {
			return "is an IPv6 address; DigitalOcean accepts IPv4 trusted sources only"
		}
	case "droplet":
		if !dropletIDPattern.MatchString(v) {
			return "is not a Droplet id (a positive number)"
		}
	case "k8s", "app":
		if !uuidPattern.MatchString(v) {
			return "is not a UUID"
		}
	case "tag":
		if len(v) > 255 || !tagPattern.MatchString(v) {
			return "is not a tag name (1 to 255 letters, digits, colons, dashes and underscores)"
		}
	}
	return ""
}

// stampRules gives rules their uuids, cluster and creation time; a rule whose type and value were
// in the cluster's rules before keeps what it had.
func stampRules(rules []firewallRule, clusterID string, now time.Time, before []firewallRule) []firewallRule {
	out := make([]firewallRule, 0, len(rules))
	for _, r := range rules {
		i := slices.IndexFunc(before, func(b firewallRule) bool { return b.Type == r.Type && b.Value == r.Value })
		if i >= 0 {
			kept := before[i]
			kept.Description = r.Description
			out = append(out, kept)
			continue
		}
		r.UUID, r.ClusterUUID, r.CreatedAt = newUUID(), clusterID, now.UTC().Format(time.RFC3339)
		out = append(out, r)
	}
	return out
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
