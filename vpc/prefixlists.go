package vpc

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"golang.org/x/sync/errgroup"
)

// PrefixList is an AWS-managed prefix list naming a service's address ranges
// in the Region, such as pl-63a5400a, com.amazonaws.us-east-1.s3.
type PrefixList struct {
	ID    string
	Name  string
	CIDRs []string
}

// maxConcurrentEntryReads bounds the fallback reads in PrefixLists.
const maxConcurrentEntryReads = 4

// PrefixLists returns the Region's AWS service prefix lists by ID, CIDRs
// included. EC2's DescribePrefixLists answers with the CIDRs, so this is one
// paginated call. moto, and LocalStack built on it, answer without CIDRs; for
// such lists, and only those, the entries are read with
// GetManagedPrefixListEntries, concurrently. A failure there leaves the list
// without CIDRs rather than failing the page: they only enrich the display.
func (s *Service) PrefixLists(ctx context.Context) (map[string]PrefixList, error) {
	out := make(map[string]PrefixList)
	p := ec2.NewDescribePrefixListsPaginator(s.ec2, &ec2.DescribePrefixListsInput{MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe prefix lists", err)
		}
		for _, pl := range page.PrefixLists {
			id := aws.ToString(pl.PrefixListId)
			// A copy: the SDK's output may be shared with other callers (the
			// Service's read cache), and PrefixList leaves this package.
			out[id] = PrefixList{ID: id, Name: aws.ToString(pl.PrefixListName), CIDRs: slices.Clone(pl.Cidrs)}
		}
	}
	if err := s.fillMissingCIDRs(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// fillMissingCIDRs reads the entries of the lists that came without CIDRs.
func (s *Service) fillMissingCIDRs(ctx context.Context, lists map[string]PrefixList) error {
	var missing []string
	for id, pl := range lists {
		if len(pl.CIDRs) == 0 {
			missing = append(missing, id)
		}
	}
	found := make([][]string, len(missing))
	var g errgroup.Group
	g.SetLimit(maxConcurrentEntryReads)
	for i, id := range missing {
		g.Go(func() error {
			found[i], _ = s.prefixListEntries(ctx, id)
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return translate("read prefix list entries", err)
	}
	for i, id := range missing {
		if len(found[i]) > 0 {
			pl := lists[id]
			pl.CIDRs = found[i]
			lists[id] = pl
		}
	}
	return nil
}

func (s *Service) prefixListEntries(ctx context.Context, id string) ([]string, error) {
	var cidrs []string
	p := ec2.NewGetManagedPrefixListEntriesPaginator(s.ec2, &ec2.GetManagedPrefixListEntriesInput{
		PrefixListId: aws.String(id),
		MaxResults:   s.maxResults(),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Entries {
			cidrs = append(cidrs, aws.ToString(e.Cidr))
		}
	}
	return cidrs, nil
}

// PrefixListByName returns the list called name (com.amazonaws.<region>.s3)
// from lists, which PrefixLists returned.
func PrefixListByName(lists map[string]PrefixList, name string) (PrefixList, bool) {
	for _, pl := range lists {
		if pl.Name == name {
			return pl, true
		}
	}
	return PrefixList{}, false
}
