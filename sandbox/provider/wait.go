package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errWaitTimeout marks a wait that ran out of time.
var errWaitTimeout = errors.New("timeout")

// poll calls check once every interval (the first call after one interval, as the official
// provider's ticker does) until check says done, returns an error, the timeout passes, or ctx ends.
// A cancelled ctx makes poll return at once with the context's cause.
func poll(ctx context.Context, interval, timeout time.Duration, check func(context.Context) (bool, error)) error {
	if interval <= 0 {
		interval = defaultPollInterval
	}
	if timeout <= 0 {
		timeout = defaultWaitTimeout
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-deadline.C:
			return fmt.Errorf("%w after %s", errWaitTimeout, timeout)
		case <-ticker.C:
		}
		done, err := check(ctx)
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// isCancel says whether err comes from a cancellation (the engine's Cancel or the request's end).
func isCancel(err error) bool {
	return errors.Is(err, errCancelled) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// notReadyError explains a wait that did not end with the resource ready after DigitalOcean had
// accepted it; what names the resource in the official provider's words.
func notReadyError(what, id, lastStatus, ready string, err error) error {
	if lastStatus == "" {
		lastStatus = "unknown"
	}
	switch {
	case isCancel(err):
		return fmt.Errorf("%w; DigitalOcean had accepted %s %s (last status %q): it is kept in the stack", err, what, id, lastStatus)
	case errors.Is(err, errWaitTimeout):
		return fmt.Errorf("Timeout waiting to %s to become %s (%v; %s, last status %q)", what, ready, err, id, lastStatus)
	}
	return err
}
