package fakeec2

// opening is what an action that changes the account checks before it looks at the account,
// in the order EC2 checks it: the required parameters, the action's own checks of its
// parameters, the tags of TagSpecification.N, the DryRun flag. The first refusal is the answer.
type opening struct {
	// required are parameters that must be given, checked in this order.
	required []string
	// requiredList is a list parameter (Name.1, Name.2, …) that must have an item.
	requiredList string
	// checkParams checks the parameters alone, without looking at the account.
	checkParams func() error
	// tagsFor is the resource type TagSpecification.N must name; empty when the action takes none.
	tagsFor string
}

// opened is what the opening hands on to the action's check.
type opened struct {
	tags []tag
	// dry is DryRun: the request is checked, never applied.
	dry bool
}

// change makes a checked request's change to the account and returns the answer.
type change func() result

// write runs an action that changes the account: its opening, then, under the write lock,
// check — which looks at the account, refuses what EC2 refuses and returns the change — and the
// change, or DryRunOperation when the caller asked for a dry run. A refused request and a dry
// run leave the account as it was.
func (a *account) write(p params, o opening, check func(in opened) (change, error)) (result, error) {
	for _, name := range o.required {
		if p.str(name) == "" {
			return nil, errMissingParameter(name)
		}
	}
	if o.requiredList != "" && len(p.list(o.requiredList)) == 0 {
		return nil, errMissingParameter(o.requiredList)
	}
	if o.checkParams != nil {
		if err := o.checkParams(); err != nil {
			return nil, err
		}
	}
	var in opened
	var err error
	if o.tagsFor != "" {
		if in.tags, err = p.tagSpecifications(o.tagsFor); err != nil {
			return nil, err
		}
	}
	if in.dry, err = p.dryRun(); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.dropGoneEndpoints()
	apply, err := check(in)
	if err != nil {
		return nil, err
	}
	if in.dry {
		return nil, errDryRun
	}
	return apply(), nil
}
