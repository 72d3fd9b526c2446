package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// A cluster's databases, users, connection pools and replicas: DigitalOcean knows each by the
// cluster's id and its name, and the official provider's ids join the two.

// childRef locates a database, user, pool or replica of a cluster.
type childRef struct{ ClusterID, Name string }

// id is the official provider's id: the cluster's id, sep, the name.
func (r childRef) id(sep string) string { return r.ClusterID + sep + r.Name }

// refOf reads a child's reference from its inputs (or state).
func refOf(m resource.PropertyMap) childRef {
	return childRef{ClusterID: getString(m, "clusterId"), Name: getString(m, "name")}
}

// parseChildRef finds the reference of a Read: in the state, or else in the id, which is the
// resource's own (cluster id, sep, name) or, on an import, "clusterId,name" as the official
// importers take it.
func parseChildRef(id, sep string, state resource.PropertyMap) (childRef, error) {
	if ref := refOf(state); ref.ClusterID != "" && ref.Name != "" {
		return ref, nil
	}
	if c, n, ok := strings.Cut(id, sep); ok && c != "" && n != "" {
		return childRef{ClusterID: c, Name: n}, nil
	}
	if c, n, ok := strings.Cut(id, ","); ok && c != "" && n != "" {
		return childRef{ClusterID: c, Name: n}, nil
	}
	return childRef{}, fmt.Errorf("must use the ID of the source database cluster and the name joined with a comma (e.g. `id,name`), got %q", id)
}

// outputs are the reference as outputs (the inputs that locate the resource).
func (r childRef) outputs() resource.PropertyMap {
	return resource.PropertyMap{"clusterId": str(r.ClusterID), "name": str(r.Name)}
}

// answered refuses a 2xx answer without the object it should hold (godo then hands over nil).
func answered[T any](v *T, what string) error {
	if v == nil {
		return fmt.Errorf("DigitalOcean's answer has no %s", what)
	}
	return nil
}

// isNotFound says whether DigitalOcean answered 404.
func isNotFound(resp *godo.Response) bool {
	return resp != nil && resp.StatusCode == http.StatusNotFound
}

// refuseReplaceOnly refuses an Update that would change an input only a replacement changes. The
// engine sends such an update only when its diff and the provider's disagree.
func refuseReplaceOnly(s resourceSchema, what string, req updateRequest, same sameFunc) error {
	for _, c := range inputChanges(s, oldState(req.OldOutputs, req.OldInputs), req.News, nil, same) {
		if c.Replace {
			return fmt.Errorf("Error updating %s: %s can only change by replacing it", what, c.Key)
		}
	}
	return nil
}

// oldState is what an Update or Diff compares the new inputs with: the old state, or the old
// inputs when the engine has no state.
func oldState(outputs, inputs resource.PropertyMap) resource.PropertyMap {
	if len(outputs) == 0 {
		return inputs
	}
	return outputs
}
