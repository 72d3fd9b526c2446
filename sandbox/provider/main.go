// Command pulumi-resource-digitalocean is a SANDBOX Pulumi resource provider for dbplane. It is
// installed as the resource plugin digitalocean 4.76.0, so that the Pulumi engine drives it exactly
// as it drives the official DigitalOcean provider, and it speaks the official provider's protocol for
// the database resources (DatabaseCluster for now) to the DigitalOcean API, or to an emulator of it
// (config digitalocean:apiEndpoint or DIGITALOCEAN_API_URL). It is not the official provider.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// banner is the one line the plugin writes on stderr when it starts. The engine shows a plugin's
// stderr to the user (an info diagnostic of the stack), so every run says that this is the sandbox
// build: the "+sandbox" of the plugin version is not shown anywhere in the CLI's output.
const banner = "pulumi-resource-digitalocean " + pluginVersion +
	": SANDBOX build for dbplane's tests and trials, not the official DigitalOcean provider"

func main() {
	fmt.Fprintln(os.Stderr, banner)
	err := provider.Main(packageName, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return newServer(), nil
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-digitalocean (sandbox): %v\n", err)
		os.Exit(1)
	}
}
