//go:build tools

// Package toolchain pins the Pulumi CLI that the service drives. Building it from this module, not
// from a download, is what lets a machine that reaches only module registries run the real engine.
package toolchain

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
