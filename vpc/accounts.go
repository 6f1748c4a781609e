package vpc

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// AccountRef names one AWS account the console reaches: its own (RoleARN empty: the console's
// credentials), or another one through a role the console assumes there, as Steampipe and prowler
// reach the accounts of an organization.
type AccountRef struct {
	ID   string
	Name string
	// RoleARN is the role assumed in the account; "" for the console's own account.
	RoleARN string
}

// Label is "Name (ID)", or the ID alone for an account without a name.
func (a AccountRef) Label() string {
	if a.Name == "" || a.Name == a.ID {
		return a.ID
	}
	return a.Name + " (" + a.ID + ")"
}

// RoleInAccount is the ARN of the role named name in account id, in partition (aws, aws-us-gov,
// aws-cn): what -org-role-name assumes in each account of the organization.
func RoleInAccount(partition, id, name string) string {
	return "arn:" + partition + ":iam::" + id + ":role/" + name
}

// accountOfRole reads the account id out of a role ARN (checked by roleARNPattern).
var accountOfRole = regexp.MustCompile(`^arn:aws[-a-z]*:iam::([0-9]{12}):role/`)

// AccountsFromRoles turns -accounts' role ARNs into accounts, named by their ids (a list of role
// ARNs says nothing more). A malformed ARN, or two roles in one account, is an Invalid error.
func AccountsFromRoles(arns []string) ([]AccountRef, error) {
	var out []AccountRef
	for _, arn := range arns {
		m := accountOfRole.FindStringSubmatch(arn)
		if m == nil || !roleARNPattern.MatchString(arn) {
			return nil, errorf(Invalid, "", "%q is not an IAM role ARN; role ARNs look like arn:aws:iam::123456789012:role/EndpointConsoleAudit.", arn)
		}
		if slices.ContainsFunc(out, func(a AccountRef) bool { return a.ID == m[1] }) {
			return nil, errorf(Invalid, "", "Two roles are given for the account %s; give one role per account.", m[1])
		}
		out = append(out, AccountRef{ID: m[1], Name: m[1], RoleARN: arn})
	}
	return out, nil
}

// Accounts are the accounts the console reaches, each with its Regions: the console's own,
// connected at start, and the others, opened through their roles the first time a page or an
// audit asks for them. An account whose role cannot be assumed is not kept: it is asked again the
// next time, so that fixing a trust policy needs no restart.
type Accounts struct {
	home    AccountRef
	regions *RegionServices
	others  []AccountRef
	open    func(ctx context.Context, a AccountRef) (*RegionServices, error)

	mu     sync.Mutex
	opened map[string]*openAccount
}

// openAccount is one other account's Regions, opened once at a time.
type openAccount struct {
	mu      sync.Mutex
	regions *RegionServices
}

// NewAccounts returns the console's own account home, with its Regions, and others, opened by
// open: it connects through the account's role and reads the Regions enabled there (the first
// call through the role, so a role that cannot be assumed fails it). Accounts listed twice, or the
// console's own among others, are kept once.
func NewAccounts(home AccountRef, regions *RegionServices, others []AccountRef, open func(ctx context.Context, a AccountRef) (*RegionServices, error)) *Accounts {
	as := &Accounts{home: home, regions: regions, open: open, opened: map[string]*openAccount{}}
	for _, a := range others {
		if a.ID == home.ID || slices.ContainsFunc(as.others, func(b AccountRef) bool { return b.ID == a.ID }) {
			continue
		}
		as.others = append(as.others, a)
	}
	return as
}

// Home is the console's own account.
func (as *Accounts) Home() AccountRef { return as.home }

// List is every account: the console's own first, then the others in the order given.
func (as *Accounts) List() []AccountRef {
	return append([]AccountRef{as.home}, as.others...)
}

// Regions is the Regions of the account id. An account not in List is NotFound; one whose role
// cannot be assumed is the Unauthorized error saying so.
func (as *Accounts) Regions(ctx context.Context, id string) (*RegionServices, error) {
	if id == as.home.ID {
		return as.regions, nil
	}
	i := slices.IndexFunc(as.others, func(a AccountRef) bool { return a.ID == id })
	if i < 0 {
		return nil, errorf(NotFound, "", "The console does not reach the account %q. Its accounts are %s.", id, strings.Join(as.ids(), ", "))
	}
	as.mu.Lock()
	o, ok := as.opened[id]
	if !ok {
		o = &openAccount{}
		as.opened[id] = o
	}
	as.mu.Unlock()

	// One opening at a time per account: pages and an audit asking at once wait for it.
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.regions != nil {
		return o.regions, nil
	}
	rs, err := as.open(ctx, as.others[i])
	if err != nil {
		return nil, err
	}
	o.regions = rs
	return rs, nil
}

// ForgetReads drops the kept reads of every opened account's Regions.
func (as *Accounts) ForgetReads() {
	as.regions.ForgetReads()
	as.mu.Lock()
	defer as.mu.Unlock()
	for _, o := range as.opened {
		o.mu.Lock()
		if o.regions != nil {
			o.regions.ForgetReads()
		}
		o.mu.Unlock()
	}
}

func (as *Accounts) ids() []string {
	var out []string
	for _, a := range as.List() {
		out = append(out, a.ID)
	}
	return out
}

// OpenThroughRole is the usual open function of NewAccounts: the account's Service in region,
// connected with cfg through the account's role (assumed with cfg's own credentials), and the
// Regions it has enabled. Any error reading them — the role cannot be assumed, or may not call
// ec2:DescribeRegions — leaves the account unopened with that error: an audit role without the
// EC2 reads it needs is as good as none, and the person sees why.
func OpenThroughRole(cfg Config, opts Options, region string) func(ctx context.Context, a AccountRef) (*RegionServices, error) {
	return func(ctx context.Context, a AccountRef) (*RegionServices, error) {
		in := cfg
		in.AssumeRoleARN = a.RoleARN
		in, err := in.SharingRole(ctx)
		if err != nil {
			return nil, err
		}
		opts := opts
		opts.AccountID = a.ID // its change records name the account
		// The Services outlive the request that opened the account: their configuration is
		// loaded without its deadline.
		loadCtx := context.WithoutCancel(ctx)
		connect := func(region string) (*Service, error) {
			c := in
			c.Region = region
			return Connect(loadCtx, c, opts)
		}
		def, err := connect(region)
		if err != nil {
			return nil, err
		}
		rs := NewRegionServices(def, connect)
		if err := rs.LoadEnabled(ctx); err != nil {
			return nil, err
		}
		return rs, nil
	}
}
