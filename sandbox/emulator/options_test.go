package emulator

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/digitalocean/godo"
)

// TestOptionsMatchValidation checks that what GET /v2/databases/options offers is exactly what a
// create accepts: every offered combination is accepted, every other one refused.
func TestOptionsMatchValidation(t *testing.T) {
	e := newEnv(t)
	opts, _, err := e.client.Databases.ListOptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byEngine := map[string]godo.DatabaseEngineOptions{
		"pg": opts.PostgresSQLOptions, "mysql": opts.MySQLOptions, "redis": opts.RedisOptions,
		"valkey": opts.ValkeyOptions, "mongodb": opts.MongoDBOptions, "kafka": opts.KafkaOptions,
		"opensearch": opts.OpensearchOptions,
	}
	allSizes := map[string]bool{}
	allNodes := map[int]bool{}
	for engine, o := range byEngine {
		if len(o.Regions) == 0 || len(o.Versions) == 0 || len(o.Layouts) == 0 {
			t.Fatalf("%s: empty options %+v", engine, o)
		}
		for _, l := range o.Layouts {
			allNodes[l.NodeNum] = true
			for _, s := range l.Sizes {
				allSizes[s] = true
			}
		}
	}

	accepts := func(engine, version, region, size string, nodes int) (bool, string) {
		e.srv.mu.Lock()
		defer e.srv.mu.Unlock()
		_, msg := e.srv.validateCreate(&createRequest{
			Name: "probe", Engine: engine, Version: version, Region: region, Size: size, NumNodes: nodes,
		}, e.srv.now())
		return msg == "", msg
	}
	checked := 0
	for engine, o := range byEngine {
		offered := func(size string, nodes int) bool {
			for _, l := range o.Layouts {
				if l.NodeNum == nodes && slices.Contains(l.Sizes, size) {
					return true
				}
			}
			return false
		}
		for size := range allSizes {
			for nodes := range allNodes {
				ok, msg := accepts(engine, o.Versions[0], o.Regions[0], size, nodes)
				if ok != offered(size, nodes) {
					t.Errorf("%s %s x%d: accepted %v (%s), offered %v", engine, size, nodes, ok, msg, offered(size, nodes))
				}
				checked++
			}
		}
		l := o.Layouts[0]
		for _, v := range o.Versions {
			if ok, msg := accepts(engine, v, o.Regions[0], l.Sizes[0], l.NodeNum); !ok {
				t.Errorf("%s version %s offered but refused: %s", engine, v, msg)
			}
		}
		for _, r := range o.Regions {
			if ok, msg := accepts(engine, "", r, l.Sizes[0], l.NodeNum); !ok {
				t.Errorf("%s region %s offered but refused: %s", engine, r, msg)
			}
		}
		for _, r := range regions {
			if ok, _ := accepts(engine, "", r, l.Sizes[0], l.NodeNum); ok != slices.Contains(o.Regions, r) {
				t.Errorf("%s region %s: accepted %v", engine, r, ok)
			}
		}
		for _, v := range []string{"1", "3.7", "5.0", "8", "12", "18"} {
			if ok, _ := accepts(engine, v, o.Regions[0], l.Sizes[0], l.NodeNum); ok != slices.Contains(o.Versions, v) {
				t.Errorf("%s version %s: accepted %v", engine, v, ok)
			}
		}
		// Sizes of engines with storage have a storage range that includes their default.
		for _, lay := range o.Layouts {
			for _, s := range lay.Sizes {
				lo, hi, ok := storageRangeMiB(s)
				if engines[engine].Storage && (!ok || lo == 0 || hi < lo) {
					t.Errorf("%s size %s: storage range %d..%d %v", engine, s, lo, hi, ok)
				}
			}
		}
	}
	if checked < 500 {
		t.Fatalf("checked only %d combinations", checked)
	}

	// The HTTP shape: options per engine with default_version, and version_availability.
	r, body := e.do("GET", "/v2/databases/options", nil, testToken)
	if r.StatusCode != 200 {
		t.Fatal(r.Status)
	}
	var doc struct {
		Options map[string]struct {
			Regions        []string `json:"regions"`
			Versions       []string `json:"versions"`
			DefaultVersion string   `json:"default_version"`
			Layouts        []struct {
				NumNodes int      `json:"num_nodes"`
				Sizes    []string `json:"sizes"`
			} `json:"layouts"`
		} `json:"options"`
		VersionAvailability map[string][]map[string]json.RawMessage `json:"version_availability"`
	}
	mustUnmarshal(t, body, &doc)
	for _, engine := range engineOrder {
		o, ok := doc.Options[engine]
		if !ok || !slices.Contains(o.Versions, o.DefaultVersion) {
			t.Errorf("%s: options %+v", engine, o)
		}
		va := doc.VersionAvailability[engine]
		if len(va) != len(o.Versions) {
			t.Errorf("%s: %d availabilities for %d versions", engine, len(va), len(o.Versions))
		}
		for _, v := range va {
			for _, k := range []string{"version", "end_of_life", "end_of_availability", "default"} {
				if _, ok := v[k]; !ok {
					t.Errorf("%s: availability without %s: %v", engine, k, v)
				}
			}
		}
	}
	var pg13 map[string]json.RawMessage
	for _, v := range doc.VersionAvailability["pg"] {
		if string(v["version"]) == `"13"` {
			pg13 = v
		}
	}
	if string(pg13["end_of_life"]) != `"2025-11-13T00:00:00Z"` {
		t.Errorf("pg 13 end of life %s", pg13["end_of_life"])
	}
	// db-s-1vcpu-1gb runs on one node only; the usual sizes on one to three.
	if got := engines["pg"].nodesFor("db-s-1vcpu-1gb"); !slices.Equal(got, []int{1}) {
		t.Errorf("db-s-1vcpu-1gb nodes %v", got)
	}
	if got := engines["pg"].nodesFor("db-s-2vcpu-4gb"); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("db-s-2vcpu-4gb nodes %v", got)
	}
}

func TestStorageRanges(t *testing.T) {
	for size, want := range map[string][2]uint64{
		"db-s-1vcpu-1gb":     {10240, 30720},
		"db-s-2vcpu-4gb":     {61440, 184320},
		"db-s-4vcpu-8gb":     {143360, 430080},
		"db-s-6vcpu-16gb":    {296960, 890880},
		"so1_5-32vcpu-256gb": {9280 * 1024, 15360 * 1024},
	} {
		lo, hi, ok := storageRangeMiB(size)
		if !ok || lo != want[0] || hi != want[1] {
			t.Errorf("%s: %d..%d %v, want %v", size, lo, hi, ok, want)
		}
	}
	if _, _, ok := storageRangeMiB("m-2vcpu-16gb"); ok {
		t.Error("memory-optimized sizes have no sizable storage")
	}
}
