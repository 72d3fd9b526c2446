package main

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseFirewall:DatabaseFirewall, a cluster's trusted sources, as the
// official provider v4.76.0 has it: one resource holds the whole set of rules, which a PUT of the
// cluster's firewall replaces; clusterId replaces the resource; deleting it empties the set. Its
// id is the cluster's id, "-" and a unique suffix (the official provider's PrefixedUniqueId).

const (
	firewallToken    = "digitalocean:index/databaseFirewall:DatabaseFirewall"
	firewallRuleType = "digitalocean:index/DatabaseFirewallRule:DatabaseFirewallRule"
)

var firewallSchema = resourceSchema{
	Token:       firewallToken,
	Description: "Provides a DigitalOcean database firewall resource allowing you to restrict connections to your database to trusted sources (sandbox build).",
	Properties: []property{
		{Name: "clusterId", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The ID of the target database cluster."},
		{Name: "rules", propType: propType{Type: "array", Items: &propType{Ref: firewallRuleType}}, Input: true, Output: true,
			RequiredInput: true, RequiredOutput: true,
			Description: "A rule specifying a resource allowed to access the database cluster."},
	},
	Types: []objectType{
		{Token: firewallRuleType, Required: []string{"type", "value"}, Properties: []property{
			{Name: "createdAt", propType: sString, Description: "The date and time when the firewall rule was created."},
			{Name: "type", propType: sString,
				Description: "The type of resource that the firewall rule allows to access the database cluster: droplet, k8s, ip_addr, tag or app."},
			{Name: "uuid", propType: sString, Description: "A unique identifier for the firewall rule."},
			{Name: "value", propType: sString,
				Description: "The ID of the specific resource, the name of a tag applied to a group of resources, or the IP address that the firewall rule allows to access the database cluster."},
		}},
	},
}

var firewallRuleTypes = []string{"ip_addr", "droplet", "k8s", "tag", "app"}

// firewallIDCounter makes the ids of one provider process unique, as the official one's counter.
var firewallIDCounter atomic.Uint32

// firewallID is <cluster id>-<UTC time to 1/10000 s><8 hex digits of a counter>.
func firewallID(clusterID string) string {
	stamp := strings.Replace(time.Now().UTC().Format("20060102150405.0000"), ".", "", 1)
	return fmt.Sprintf("%s-%s%08x", clusterID, stamp, firewallIDCounter.Add(1))
}

var firewallIDRe = regexp.MustCompile(`^(.+)-[0-9]{18}[0-9a-f]{8}$`)

type databaseFirewall struct{}

func (databaseFirewall) token() string          { return firewallToken }
func (databaseFirewall) schema() resourceSchema { return firewallSchema }

// firewallRules reads the rules input.
func firewallRules(m resource.PropertyMap) []godo.DatabaseFirewallRule {
	var out []godo.DatabaseFirewallRule
	for _, o := range objects(m["rules"]) {
		out = append(out, godo.DatabaseFirewallRule{Type: getString(o, "type"), Value: getString(o, "value"), UUID: getString(o, "uuid")})
	}
	return out
}

// ruleSetKey is the rules as the official provider compares them: a set of type and value (uuid
// and createdAt are DigitalOcean's).
func ruleSetKey(v resource.PropertyValue) string {
	seen := map[string]bool{}
	for _, r := range firewallRules(resource.PropertyMap{"rules": v}) {
		seen[fmt.Sprintf("%q=%q", r.Type, r.Value)] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

func sameFirewallValue(key string, ov, nv resource.PropertyValue) bool {
	if key == "rules" {
		return ruleSetKey(ov) == ruleSetKey(nv)
	}
	return sameDeep(key, ov, nv)
}

func (databaseFirewall) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(firewallSchema, news)
	failures = append(failures, missingInputs(news, "clusterId", "rules")...)
	failures = append(failures, emptyStrings(news, "clusterId")...)
	if v, _ := peel(news["rules"]); known(news, "rules") && v.IsArray() && len(v.ArrayValue()) == 0 {
		failures = append(failures, failure("rules", "Insufficient rules blocks: at least 1 \"rules\" block is required."))
	}
	for i, r := range objects(news["rules"]) {
		path := fmt.Sprintf("rules[%d]", i)
		failures = append(failures, notOneOf(path+".type", r["type"], firewallRuleTypes...)...)
		failures = append(failures, emptyString(path+".value", r["value"])...)
	}
	return news, failures, nil
}

func (databaseFirewall) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	changes := inputChanges(firewallSchema, oldState(req.OldOutputs, req.OldInputs), req.News, req.IgnoreChanges, sameFirewallValue)
	return diffResponse(firewallSchema, changes, req.News), nil
}

// putRules replaces the cluster's rules. A rule that was in the state already keeps its uuid, as
// the official provider sends it.
func putRules(ctx context.Context, c *godo.Client, clusterID string, rules, old []godo.DatabaseFirewallRule) error {
	known := map[string]string{}
	for _, r := range old {
		known[r.Type+"\x00"+r.Value] = r.UUID
	}
	req := &godo.DatabaseUpdateFirewallRulesRequest{Rules: []*godo.DatabaseFirewallRule{}}
	for _, r := range rules {
		if r.UUID == "" {
			r.UUID = known[r.Type+"\x00"+r.Value]
		}
		req.Rules = append(req.Rules, &godo.DatabaseFirewallRule{Type: r.Type, Value: r.Value, UUID: r.UUID})
	}
	_, err := c.Databases.UpdateFirewallRules(ctx, clusterID, req)
	return err
}

// readFirewall GETs the cluster's rules; nil outputs mean 404 (the cluster is gone).
func readFirewall(ctx context.Context, c *godo.Client, clusterID string, configured resource.PropertyMap) (resource.PropertyMap, error) {
	rules, resp, err := c.Databases.GetFirewallRules(ctx, clusterID)
	if err != nil {
		if isNotFound(resp) {
			return nil, nil
		}
		return nil, apiError(ctx, "Error retrieving DatabaseFirewall", err)
	}
	list := make([]resource.PropertyValue, 0, len(rules))
	for _, r := range rules {
		list = append(list, resource.NewObjectProperty(resource.PropertyMap{"uuid": str(r.UUID), "type": str(r.Type),
			"value": str(r.Value), "createdAt": str(r.CreatedAt.Format(time.RFC3339))}))
	}
	outs := resource.PropertyMap{"clusterId": str(clusterID), "rules": resource.NewArrayProperty(list)}
	annotateSecrets(outs, configured)
	return outs, nil
}

func (databaseFirewall) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	if req.Preview {
		return "", plannedOutputs(firewallSchema, req.Inputs), nil
	}
	clusterID := getString(req.Inputs, "clusterId")
	if err := putRules(ctx, env.client, clusterID, firewallRules(req.Inputs), nil); err != nil {
		return "", nil, apiError(ctx, "Error creating DatabaseFirewall", err)
	}
	logf("set the firewall of cluster %s", clusterID)
	outs, err := readFirewall(ctx, env.client, clusterID, req.Inputs)
	if err != nil {
		return "", nil, err
	}
	if outs == nil {
		return "", nil, fmt.Errorf("Error creating DatabaseFirewall: cluster %s was not found", clusterID)
	}
	return firewallID(clusterID), outs, nil
}

func (databaseFirewall) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	id, clusterID := req.ID, getString(req.State, "clusterId")
	if clusterID == "" {
		// An import names the cluster, as the official importer takes it; the id is then made anew.
		if m := firewallIDRe.FindStringSubmatch(req.ID); m != nil {
			clusterID = m[1]
		} else {
			clusterID, id = req.ID, firewallID(req.ID)
		}
	}
	outs, err := readFirewall(ctx, env.client, clusterID, req.State)
	if err != nil || outs == nil {
		return readResult{}, err
	}
	return readResult{ID: id, Outputs: outs,
		Inputs: refreshedInputs(firewallSchema, req.Inputs, outs, []string{"clusterId", "rules"}, sameFirewallValue)}, nil
}

func (databaseFirewall) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	if err := refuseReplaceOnly(firewallSchema, "DatabaseFirewall", req, sameFirewallValue); err != nil {
		return nil, err
	}
	olds := oldState(req.OldOutputs, req.OldInputs)
	// The old state with the new rules: the plan of a preview, and what a failed read after the
	// PUT leaves (the rules are set: the engine must record them).
	applied := olds.Copy()
	applied["rules"] = req.News["rules"]
	if req.Preview {
		return applied, nil
	}
	clusterID := getString(olds, "clusterId")
	if err := putRules(ctx, env.client, clusterID, firewallRules(req.News), firewallRules(olds)); err != nil {
		return nil, apiError(ctx, "Error updating DatabaseFirewall", err)
	}
	outs, err := readFirewall(ctx, env.client, clusterID, req.News)
	if err == nil && outs == nil {
		err = fmt.Errorf("Error updating DatabaseFirewall: cluster %s no longer exists (refresh the stack)", clusterID)
	}
	if err != nil {
		return nil, &partialError{ID: req.ID, Outputs: applied, Reason: err}
	}
	return outs, nil
}

func (databaseFirewall) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	clusterID := getString(oldState(req.Outputs, req.Inputs), "clusterId")
	if err := putRules(ctx, env.client, clusterID, nil, nil); err != nil {
		return apiError(ctx, "Error deleting DatabaseFirewall", err)
	}
	logf("emptied the firewall of cluster %s", clusterID)
	return nil
}
