package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
)

// logf writes to the plugin's verbose log (seen with `pulumi -v=5 --logflow` or in the log files
// of --logtostderr), never on plain stderr, which the engine shows to the user. Never pass the token.
func logf(format string, args ...any) {
	logging.V(5).Infof("digitalocean(sandbox): "+format, args...)
}
