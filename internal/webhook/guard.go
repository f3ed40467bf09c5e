// Package webhook delivers the new and changed pledges of a selection to
// the URLs users subscribe: signed JSON payloads, retried with exponential
// back-off, logged in the store, and never sent to an address inside the
// server's own network unless the operator allows it.
package webhook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"pledgebook"
)

// Guard decides which addresses webhooks may reach. The server may run
// inside a network whose services trust it, so by default a webhook may
// not reach loopback, private, link-local, shared (CGNAT), multicast or
// unspecified addresses: otherwise a user could make the server call an
// internal service for them (server-side request forgery). Allow lists
// the prefixes that are reachable all the same, e.g. 127.0.0.1/32 for
// tests or 10.1.2.0/24 for a receiver on the internal network.
type Guard struct {
	Allow []netip.Prefix
	// Resolver looks up host names; net.DefaultResolver when nil.
	Resolver *net.Resolver
}

// ParseAllow reads a comma-separated list of addresses and CIDR prefixes,
// e.g. "127.0.0.1,10.0.0.0/8".
func ParseAllow(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("webhook allow list: %q is not an address or prefix", part)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("webhook allow list: %q is not an address or prefix", part)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// Allowed reports whether a webhook may reach a.
func (g *Guard) Allowed(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range g.Allow {
		if p.Contains(a) {
			return true
		}
	}
	inside := a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || sharedSpace.Contains(a) ||
		(a.Is4() && a.As4()[0] == 0) || !a.IsValid()
	return !inside
}

// CheckTarget checks a webhook's URL (see pledgebook.CheckWebhookURL) and
// that every address its host resolves to may be reached: the error is
// invalid input naming the field "url". The dialer checks again at each
// delivery, since a name may resolve elsewhere later.
func (g *Guard) CheckTarget(ctx context.Context, raw string) error {
	if err := pledgebook.CheckWebhookURL(raw); err != nil {
		return err
	}
	u, _ := url.Parse(raw)
	host := u.Hostname()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		r := g.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		addrs, err = r.LookupNetIP(ctx, "ip", host)
		if err != nil || len(addrs) == 0 {
			return pledgebook.FieldError("url", "the host %q cannot be resolved", host)
		}
	}
	for _, a := range addrs {
		if !g.Allowed(a) {
			return pledgebook.FieldError("url", "the host %q is at %s, an internal address that webhooks may not reach", host, a.Unmap())
		}
	}
	return nil
}

// errForbiddenAddr is the dialer's refusal.
var errForbiddenAddr = errors.New("the address is internal, and webhooks may not reach it")

// Client returns an HTTP client for deliveries: it connects only to
// addresses the guard allows, checked on the address actually dialled;
// uses no proxy, which would move that check to the proxy's address; does
// not follow redirects, which could lead anywhere; and gives up after
// timeout.
func (g *Guard) Client(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{
		Timeout: timeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !g.Allowed(ap.Addr()) {
				return errForbiddenAddr
			}
			return nil
		},
	}
	if g.Resolver != nil {
		dialer.Resolver = g.Resolver
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   timeout,
			ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// NewSecret returns a new signing secret: whsec_ and 32 random bytes in hex.
func NewSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make webhook secret: %w", err)
	}
	return "whsec_" + hex.EncodeToString(b), nil
}

// Subscribe checks the target and stores a webhook of the viewer in ctx to
// sel at target with a new secret, which it returns in the webhook: the
// one time it is shown.
func (g *Guard) Subscribe(ctx context.Context, s pledgebook.Store, sel pledgebook.Selection, target string) (*pledgebook.Webhook, error) {
	if !pledgebook.ViewerFrom(ctx).SignedIn() {
		return nil, pledgebook.Errorf(pledgebook.KindUnauthorized, "sign in to subscribe a webhook")
	}
	sel.Normalize()
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	if err := g.CheckTarget(ctx, target); err != nil {
		return nil, err
	}
	secret, err := NewSecret()
	if err != nil {
		return nil, err
	}
	h := &pledgebook.Webhook{Selection: sel, URL: target, Secret: secret}
	if err := s.CreateWebhook(ctx, h); err != nil {
		return nil, err
	}
	h.Secret = secret
	return h, nil
}
