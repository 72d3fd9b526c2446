package emulator

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The catalog is the one table of what the emulated DigitalOcean offers: engines, their versions
// (with end-of-life dates), regions and node layouts, and the sizes with their storage ranges.
// Validation and GET /v2/databases/options both read it, so they cannot disagree.
//
// Engines, versions, layouts and end-of-life dates follow DigitalOcean's published options
// example; the storage ranges are the emulator's approximation (a base amount that depends on the
// node's memory, up to three times that, never more than 15 TiB).

// regions is every region slug the emulator knows, in the order the options list them.
var regions = []string{
	"nyc1", "nyc2", "nyc3", "ams2", "ams3", "sfo1", "sfo2", "sfo3",
	"sgp1", "lon1", "fra1", "tor1", "blr1", "syd1", "atl1",
}

type versionInfo struct {
	Version           string
	EndOfLife         string // RFC 3339 or "" for none
	EndOfAvailability string // RFC 3339 or "" for none
}

// layoutRule says that each of Sizes can run with each of Nodes nodes.
type layoutRule struct {
	Sizes []string
	Nodes []int
}

type engineInfo struct {
	Slug           string
	Versions       []versionInfo // oldest first
	DefaultVersion string
	Regions        []string
	Layouts        []layoutRule
	Storage        bool // whether storage_size_mib and storage autoscaling apply
	// What the engine's connection looks like when it is not backed by a real server.
	Protocol string
	Port     int
	User     string
	Database string
	DBNames  []string
}

var (
	sizesBasic1   = []string{"db-s-1vcpu-1gb"}
	sizesBasic    = []string{"db-s-1vcpu-2gb", "db-s-2vcpu-4gb", "db-s-4vcpu-8gb", "db-s-6vcpu-16gb", "db-s-8vcpu-32gb", "db-s-16vcpu-64gb"}
	sizesGeneral  = []string{"gd-2vcpu-8gb", "gd-4vcpu-16gb", "gd-8vcpu-32gb", "gd-16vcpu-64gb", "gd-32vcpu-128gb", "gd-40vcpu-160gb"}
	sizesStorage  = []string{"so1_5-2vcpu-16gb", "so1_5-4vcpu-32gb", "so1_5-8vcpu-64gb", "so1_5-16vcpu-128gb", "so1_5-24vcpu-192gb", "so1_5-32vcpu-256gb"}
	sizesPremium1 = []string{"db-intel-1vcpu-1gb", "db-amd-1vcpu-1gb"}
	sizesPremium  = []string{
		"db-intel-1vcpu-2gb", "db-amd-1vcpu-2gb", "db-amd-2vcpu-4gb", "db-intel-2vcpu-4gb",
		"db-amd-2vcpu-8gb", "db-intel-2vcpu-8gb", "db-intel-4vcpu-8gb", "db-amd-4vcpu-8gb",
		"db-amd-4vcpu-16gb", "db-intel-4vcpu-16gb", "db-intel-8vcpu-32gb", "db-amd-8vcpu-32gb",
		"db-intel-16vcpu-64gb", "db-amd-16vcpu-64gb",
	}
	sizesMemory = []string{"m-2vcpu-16gb", "m-4vcpu-32gb", "m-8vcpu-64gb", "m-16vcpu-128gb", "m-24vcpu-192gb", "m-32vcpu-256gb"}
	sizesSearch = []string{"m3-2vcpu-16gb", "m3-4vcpu-32gb", "m3-8vcpu-64gb"}
)

func concat(lists ...[]string) []string { return slices.Concat(lists...) }

// engines is the catalog, keyed by engine slug.
var engines = map[string]*engineInfo{
	"pg": {
		Slug: "pg",
		Versions: []versionInfo{
			{"13", "2025-11-13T00:00:00Z", "2025-05-13T00:00:00Z"},
			{"14", "2026-11-12T00:00:00Z", "2026-05-12T00:00:00Z"},
			{"15", "2027-11-11T00:00:00Z", "2027-05-12T00:00:00Z"},
			{"16", "2028-11-09T00:00:00Z", "2028-05-09T00:00:00Z"},
			{"17", "2029-11-08T00:00:00Z", "2029-05-08T00:00:00Z"},
		},
		DefaultVersion: "17",
		Layouts: []layoutRule{
			{concat(sizesBasic1, sizesPremium1), []int{1}},
			{concat(sizesBasic, sizesGeneral, sizesStorage, sizesPremium), []int{1, 2, 3}},
		},
		Storage: true, Protocol: "postgresql", Port: 25060, User: "doadmin", Database: "defaultdb", DBNames: []string{"defaultdb"},
	},
	"mysql": {
		Slug:           "mysql",
		Versions:       []versionInfo{{"8", "", ""}},
		DefaultVersion: "8",
		Layouts: []layoutRule{
			{concat(sizesBasic1, sizesPremium1), []int{1}},
			{concat(sizesBasic, sizesGeneral, sizesStorage, sizesPremium), []int{1, 2, 3}},
		},
		Storage: true, Protocol: "mysql", Port: 25060, User: "doadmin", Database: "defaultdb", DBNames: []string{"defaultdb"},
	},
	"redis": {
		Slug:           "redis",
		Versions:       []versionInfo{{"7", "2025-06-30T00:00:00Z", "2025-04-30T00:00:00Z"}},
		DefaultVersion: "7",
		Layouts: []layoutRule{
			{sizesBasic1, []int{1}},
			{concat(sizesBasic, sizesMemory), []int{1, 2, 3}},
		},
		Protocol: "rediss", Port: 25061, User: "default",
	},
	"valkey": {
		Slug:           "valkey",
		Versions:       []versionInfo{{"8", "", ""}},
		DefaultVersion: "8",
		Layouts: []layoutRule{
			{sizesBasic1, []int{1}},
			{concat(sizesBasic, sizesMemory), []int{1, 2, 3}},
		},
		Protocol: "rediss", Port: 25061, User: "default",
	},
	"mongodb": {
		Slug: "mongodb",
		Versions: []versionInfo{
			{"6.0", "2025-07-01T07:00:00Z", ""},
			{"7.0", "2026-08-01T07:00:00Z", ""},
			{"8.0", "", ""},
		},
		DefaultVersion: "8.0",
		Layouts: []layoutRule{
			{concat(sizesBasic1, sizesBasic, sizesGeneral, sizesStorage), []int{1, 3}},
		},
		Storage: true, Protocol: "mongodb+srv", Port: 27017, User: "doadmin", Database: "admin", DBNames: []string{"admin"},
	},
	"kafka": {
		Slug:           "kafka",
		Versions:       []versionInfo{{"3.8", "", "2025-06-03T00:00:00Z"}},
		DefaultVersion: "3.8",
		Layouts: []layoutRule{
			{[]string{"db-s-2vcpu-2gb", "db-s-2vcpu-4gb"}, []int{3}},
			{[]string{"gd-2vcpu-8gb", "gd-4vcpu-16gb"}, []int{3, 6, 9, 15}},
		},
		Storage: true, Protocol: "kafka", Port: 25073, User: "doadmin",
	},
	"opensearch": {
		Slug:           "opensearch",
		Versions:       []versionInfo{{"1", "", ""}, {"2", "", ""}},
		DefaultVersion: "2",
		Layouts: []layoutRule{
			{[]string{"db-s-1vcpu-2gb"}, []int{1}},
			{[]string{"db-s-2vcpu-4gb", "db-s-4vcpu-8gb"}, []int{1, 3}},
			{concat([]string{"gd-2vcpu-8gb", "gd-4vcpu-16gb"}, sizesSearch), []int{1, 3, 6, 9, 15}},
		},
		Storage: true, Protocol: "https", Port: 25060, User: "doadmin",
	},
}

// engineOrder is the order engines appear in messages and the options document.
var engineOrder = []string{"pg", "mysql", "redis", "valkey", "mongodb", "kafka", "opensearch"}

func init() {
	for _, e := range engines {
		if e.Regions == nil {
			e.Regions = regions
		}
	}
}

func lookupEngine(slug string) (*engineInfo, bool) {
	e, ok := engines[slug]
	return e, ok
}

func (e *engineInfo) version(v string) (versionInfo, bool) {
	for _, vi := range e.Versions {
		if vi.Version == v {
			return vi, true
		}
	}
	return versionInfo{}, false
}

func (e *engineInfo) versionList() []string {
	out := make([]string, len(e.Versions))
	for i, v := range e.Versions {
		out[i] = v.Version
	}
	return out
}

func (e *engineInfo) offersRegion(r string) bool { return slices.Contains(e.Regions, r) }

// nodesFor is the node counts the engine allows for a size; empty if the size is not offered.
func (e *engineInfo) nodesFor(size string) []int {
	var out []int
	for _, rule := range e.Layouts {
		if slices.Contains(rule.Sizes, size) {
			out = append(out, rule.Nodes...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// layouts is the engine's options layout: for each node count, the sizes offered with it.
func (e *engineInfo) layouts() []optionsLayout {
	byNodes := map[int][]string{}
	for _, rule := range e.Layouts {
		for _, n := range rule.Nodes {
			byNodes[n] = append(byNodes[n], rule.Sizes...)
		}
	}
	var counts []int
	for n := range byNodes {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	out := make([]optionsLayout, 0, len(counts))
	for _, n := range counts {
		out = append(out, optionsLayout{NumNodes: n, Sizes: byNodes[n]})
	}
	return out
}

func knownRegion(r string) bool { return slices.Contains(regions, r) }

var sizePattern = regexp.MustCompile(`^(db-s|db-intel|db-amd|gd|so1_5|m|m3)-(\d+)vcpu-(\d+)gb$`)

// storageRangeMiB is the total storage a node size can have, in MiB: its base amount (what it gets
// when storage_size_mib is not given) up to its maximum. ok is false for sizes without a disk
// that can be sized (the memory-optimized caching sizes) and for unknown slugs.
func storageRangeMiB(size string) (minMiB, maxMiB uint64, ok bool) {
	m := sizePattern.FindStringSubmatch(size)
	if m == nil || m[1] == "m" {
		return 0, 0, false
	}
	mem, _ := strconv.Atoi(m[3])
	base := baseStorageGiB(mem)
	if m[1] == "so1_5" {
		base *= 2
	}
	limit := base * 3
	if limit > 15360 {
		limit = 15360
	}
	return uint64(base) * 1024, uint64(limit) * 1024, true
}

// memoryGiB is a node size's memory, read from its slug; false for an unknown slug.
func memoryGiB(size string) (int, bool) {
	m := sizePattern.FindStringSubmatch(size)
	if m == nil {
		return 0, false
	}
	gib, _ := strconv.Atoi(m[3])
	return gib, true
}

// poolConnections is how many backend connections the connection pools of a pg cluster may use
// together: DigitalOcean allows 25 for every GiB of the primary node's memory, less 3 it reserves
// for maintenance.
func poolConnections(size string) (int, bool) {
	gib, ok := memoryGiB(size)
	return 25*gib - 3, ok
}

// baseStorageGiB is the storage a node gets by default, by its memory in GiB.
func baseStorageGiB(memGiB int) int {
	switch {
	case memGiB <= 1:
		return 10
	case memGiB <= 2:
		return 30
	case memGiB <= 4:
		return 60
	case memGiB <= 8:
		return 140
	default:
		// 16 GiB -> 290, 32 -> 580, 64 -> 1160, 128 -> 2320, ...
		return memGiB / 16 * 290
	}
}

// compareVersions orders engine version strings numerically ("8.0" < "13" < "17").
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// The options document, in DigitalOcean's shape.

type optionsLayout struct {
	NumNodes int      `json:"num_nodes"`
	Sizes    []string `json:"sizes"`
}

type engineOptions struct {
	Regions        []string        `json:"regions"`
	Versions       []string        `json:"versions"`
	Layouts        []optionsLayout `json:"layouts"`
	DefaultVersion string          `json:"default_version"`
}

type versionAvailability struct {
	EndOfLife         *string `json:"end_of_life"`
	EndOfAvailability *string `json:"end_of_availability"`
	Version           string  `json:"version"`
	Default           bool    `json:"default"`
}

type optionsDocument struct {
	Options             map[string]engineOptions         `json:"options"`
	VersionAvailability map[string][]versionAvailability `json:"version_availability"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func buildOptions() optionsDocument {
	doc := optionsDocument{Options: map[string]engineOptions{}, VersionAvailability: map[string][]versionAvailability{}}
	for _, slug := range engineOrder {
		e := engines[slug]
		doc.Options[slug] = engineOptions{
			Regions:        e.Regions,
			Versions:       e.versionList(),
			Layouts:        e.layouts(),
			DefaultVersion: e.DefaultVersion,
		}
		va := make([]versionAvailability, 0, len(e.Versions))
		for _, v := range e.Versions {
			va = append(va, versionAvailability{
				EndOfLife:         nullable(v.EndOfLife),
				EndOfAvailability: nullable(v.EndOfAvailability),
				Version:           v.Version,
				Default:           v.Version == e.DefaultVersion,
			})
		}
		doc.VersionAvailability[slug] = va
	}
	return doc
}
