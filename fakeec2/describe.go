package fakeec2

// resourceKind says how a Describe call finds one kind of resource: where the account keeps
// them, the error for an unknown id, their id, tags and filter values, and the MaxResults range.
type resourceKind[V any] struct {
	action   string
	all      map[string]V
	notFound func(id string) error
	id       func(V) string
	tags     func(V) tagList
	filters  func(V) filterValues
	limits   pageLimits
}

// describe selects what a Describe call asks for — the id list, the filters — and returns the
// page of it to answer with the next page's token. The caller holds the read lock, which it
// keeps while it renders the page. DryRun is answered around it, in the action table.
func describe[V any](a *account, p params, ids []string, k resourceKind[V]) ([]V, string, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, "", err
	}
	found, err := selectByID(k.all, ids, fs, k.notFound, k.tags, k.filters)
	if err != nil {
		return nil, "", err
	}
	return paginate(a, p, k.action, found, k.id, k.limits)
}
