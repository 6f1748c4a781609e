package fakeec2

import (
	"fmt"
	"strconv"
)

// The AWS-managed prefix lists (S3, DynamoDB) that gateway endpoint routes point at, through
// both APIs that read them: the legacy DescribePrefixLists and the managed-prefix-list family.
// They are AWS's, so they are read-only.

// awsOwner is the owner id EC2 reports for AWS-managed prefix lists.
const awsOwner = "AWS"

type xmlPrefixList struct {
	PrefixListID   string   `xml:"prefixListId"`
	PrefixListName string   `xml:"prefixListName"`
	Cidrs          []string `xml:"cidrSet>item"`
}

type describePrefixListsResult struct {
	responseMeta
	PrefixLists []xmlPrefixList `xml:"prefixListSet>item"`
	NextToken   string          `xml:"nextToken,omitempty"`
}

type xmlManagedPrefixList struct {
	PrefixListID   string `xml:"prefixListId"`
	AddressFamily  string `xml:"addressFamily"`
	State          string `xml:"state"`
	PrefixListArn  string `xml:"prefixListArn"`
	PrefixListName string `xml:"prefixListName"`
	Tags           []tag  `xml:"tagSet>item"`
	OwnerID        string `xml:"ownerId"`
}

type describeManagedPrefixListsResult struct {
	responseMeta
	PrefixLists []xmlManagedPrefixList `xml:"prefixListSet>item"`
	NextToken   string                 `xml:"nextToken,omitempty"`
}

type xmlPrefixListEntry struct {
	Cidr string `xml:"cidr"`
}

type getManagedPrefixListEntriesResult struct {
	responseMeta
	Entries   []xmlPrefixListEntry `xml:"entrySet>item"`
	NextToken string               `xml:"nextToken,omitempty"`
}

// prefixListsByID indexes the account's prefix lists for selectByID.
func (a *account) prefixListsByID() map[string]prefixList {
	out := make(map[string]prefixList, len(a.prefixLists))
	for _, pl := range a.prefixLists {
		out[pl.id] = pl
	}
	return out
}

func prefixListFilters(pl prefixList, managed bool) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "prefix-list-id":
			return []string{pl.id}, true
		case "prefix-list-name":
			return []string{pl.name}, true
		case "owner-id":
			if managed {
				return []string{awsOwner}, true
			}
		}
		return nil, false
	}
}

// selectPrefixLists applies PrefixListId.N and the filters of either Describe call.
func (a *account) selectPrefixLists(p params, managed bool) ([]prefixList, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, err
	}
	return selectByID(a.prefixListsByID(), p.list("PrefixListId"), fs, prefixListNotFound.of,
		func(prefixList) tagList { return nil },
		func(pl prefixList) filterValues { return prefixListFilters(pl, managed) })
}

func prefixListID(pl prefixList) string { return pl.id }

func (a *account) describePrefixLists(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	found, err := a.selectPrefixLists(p, false)
	if err != nil {
		return nil, err
	}
	page, next, err := paginate(a, p, "DescribePrefixLists", found, prefixListID, limitsCapped)
	if err != nil {
		return nil, err
	}
	res := &describePrefixListsResult{NextToken: next}
	for _, pl := range page {
		res.PrefixLists = append(res.PrefixLists, xmlPrefixList{PrefixListID: pl.id, PrefixListName: pl.name, Cidrs: pl.cidrs})
	}
	return res, nil
}

func (a *account) describeManagedPrefixLists(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	found, err := a.selectPrefixLists(p, true)
	if err != nil {
		return nil, err
	}
	page, next, err := paginate(a, p, "DescribeManagedPrefixLists", found, prefixListID, limits1to100)
	if err != nil {
		return nil, err
	}
	res := &describeManagedPrefixListsResult{NextToken: next}
	for _, pl := range page {
		res.PrefixLists = append(res.PrefixLists, xmlManagedPrefixList{
			PrefixListID: pl.id, AddressFamily: "IPv4", State: "create-complete",
			PrefixListArn:  fmt.Sprintf("arn:aws:ec2:%s:aws:prefix-list/%s", a.region, pl.id),
			PrefixListName: pl.name, OwnerID: awsOwner,
		})
	}
	return res, nil
}

// prefixListEntry is one CIDR of a list with its position, which orders the entries for paging.
type prefixListEntry struct {
	position string
	cidr     string
}

func (a *account) getManagedPrefixListEntries(p params) (result, error) {
	id := p.str("PrefixListId")
	if id == "" {
		return nil, errMissingParameter("PrefixListId")
	}
	if v := p.str("TargetVersion"); v != "" {
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return nil, errInvalidParameterValue("Value (%s) for parameter TargetVersion is invalid. Expected a number.", v)
		}
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	pl, err := a.prefixList(id)
	if err != nil {
		return nil, err
	}
	entries := make([]prefixListEntry, len(pl.cidrs))
	for i, c := range pl.cidrs {
		// Zero-padded so that the string order paginate resumes by is the list's order.
		entries[i] = prefixListEntry{position: fmt.Sprintf("%06d", i), cidr: c}
	}
	// The token names the list, so a token from one list's entries is refused on another's.
	page, next, err := paginate(a, p, "GetManagedPrefixListEntries/"+id, entries, func(e prefixListEntry) string { return e.position }, limits1to100)
	if err != nil {
		return nil, err
	}
	res := &getManagedPrefixListEntriesResult{NextToken: next}
	for _, e := range page {
		res.Entries = append(res.Entries, xmlPrefixListEntry{Cidr: e.cidr})
	}
	return res, nil
}
