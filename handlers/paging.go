package handlers

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// A list page shows at most vpc.PageSize rows, the ?page=N-th page of them.
//
// Without a text query, EC2 pages the list: one Describe call with MaxResults and the NextToken
// of the page before (the Service remembers them, see vpc.PageRequest), the ?vpc= filter sent as
// EC2's vpc-id filter, so a page costs the same few calls whatever the Region holds. With ?q=,
// EC2 cannot help: its filters match whole values, case-sensitively, one field each, while the
// text filter matches any word, in any case, in any column (the VPC's Name included). So a query
// reads the whole list — the same paginated read the dashboard makes, shared and kept by the
// read cache — and pages the matching rows here, 100 a page, behind the same links.

// listSource is how one list is read, for readList.
type listSource[T any] struct {
	// all reads the whole list (EC2's filters applied), for a text query.
	all func(ctx context.Context) ([]T, error)
	// page reads one page of the list from EC2.
	page func(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[T], error)
	// fields are the row's texts the query's words are looked for in.
	fields func(row T, vpcNames map[string]string) []string
	// vpcIDs are the VPCs the row names, whose Names the page shows; nil for a list that shows
	// none (Your VPCs), which then reads nothing of the VPCs.
	vpcIDs func(row T) []string
}

// listRows is one page of a list, ready for its view.
type listRows[T any] struct {
	page vpc.ListPage[T]
	// total is the number of matching rows, or -1 when EC2 pages the list.
	total int
	// vpcNames are the Names of the VPCs the rows name.
	vpcNames map[string]string
	// vpcOptions are the choices of the ?vpc= filter: every VPC when the Region has at most a page
	// of them, else nil (the filter is then a text box for a VPC id).
	vpcOptions []views.VPCOption
}

// readList reads the page of a list a request asks for (?page=, ?q=).
func readList[T any](ctx context.Context, acct Account, r *http.Request, src listSource[T]) (listRows[T], error) {
	query := r.FormValue("q")
	number, _ := strconv.Atoi(r.FormValue("page"))
	req := vpc.PageRequest{Number: max(number, 1)}
	if query != "" {
		return readListMatching(ctx, acct, query, req, src)
	}

	var first vpc.ListPage[vpc.VPC]
	var page vpc.ListPage[T]
	g, gctx := errgroup.WithContext(ctx)
	if src.vpcIDs != nil {
		// The first page of VPCs is every VPC in most Regions: then it gives the filter's
		// drop-down and the rows' VPC Names at once.
		g.Go(func() (err error) { first, err = acct.VPCsPage(gctx, vpc.PageRequest{Number: 1}); return err })
	}
	g.Go(func() (err error) { page, err = src.page(gctx, req); return err })
	if err := g.Wait(); err != nil {
		return listRows[T]{}, err
	}
	out := listRows[T]{page: page, total: -1, vpcNames: vpcNames(first.Items)}
	if page.Number == 1 && !page.More {
		out.total = len(page.Items)
	}
	if src.vpcIDs == nil {
		return out, nil
	}
	if !first.More {
		out.vpcOptions = vpcOptions(first.Items)
		return out, nil
	}
	// More VPCs than a page: the Names of those this page's rows name, in one call.
	var missing []string
	for _, row := range page.Items {
		for _, id := range src.vpcIDs(row) {
			if _, known := out.vpcNames[id]; !known && id != "" && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
	}
	named, err := acct.VPCsByID(ctx, missing)
	if err != nil {
		return listRows[T]{}, err
	}
	for _, v := range named {
		out.vpcNames[v.ID] = v.Name
	}
	return out, nil
}

// readListMatching reads the whole list and pages the rows that match query.
func readListMatching[T any](ctx context.Context, acct Account, query string, req vpc.PageRequest, src listSource[T]) (listRows[T], error) {
	var vpcs []vpc.VPC
	var rows []T
	g, gctx := errgroup.WithContext(ctx)
	if src.vpcIDs != nil {
		g.Go(func() (err error) { vpcs, err = acct.VPCs(gctx); return err })
	}
	g.Go(func() (err error) { rows, err = src.all(gctx); return err })
	if err := g.Wait(); err != nil {
		return listRows[T]{}, err
	}
	names := vpcNames(vpcs)
	var matching []T
	for _, row := range rows {
		if matchesQuery(query, src.fields(row, names)...) {
			matching = append(matching, row)
		}
	}
	out := listRows[T]{page: pageOfRows(matching, req.Number), total: len(matching), vpcNames: names}
	if src.vpcIDs != nil && len(vpcs) <= vpc.PageSize {
		out.vpcOptions = vpcOptions(vpcs)
	}
	return out, nil
}

// pageOfRows is page number of rows already read, vpc.PageSize a page; a number past the end is
// the last page.
func pageOfRows[T any](rows []T, number int) vpc.ListPage[T] {
	size := vpc.PageSize
	last := max(1, (len(rows)+size-1)/size)
	number = min(max(number, 1), last)
	start := (number - 1) * size
	end := min(start+size, len(rows))
	return vpc.ListPage[T]{Items: rows[start:end], Number: number, Size: size, More: end < len(rows)}
}

// pager is the view of where rows stand among the list's pages, with links to path that keep
// filters (those set) and change ?page=.
func pager[T any](noun, path string, filters map[string]string, rows listRows[T]) views.Pager {
	q := url.Values{}
	for k, v := range filters {
		if v != "" {
			q.Set(k, v)
		}
	}
	link := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	page := rows.page
	first := (page.Number-1)*page.Size + 1
	pg := views.Pager{Noun: noun, First: first, Last: first + len(page.Items) - 1, Total: rows.total,
		EC2Order: rows.total < 0, Size: page.Size}
	if page.Number > 1 {
		pg.Prev = link(page.Number - 1)
	}
	if page.More {
		pg.Next = link(page.Number + 1)
	}
	return pg
}

// vpcParam is a list's ?vpc= filter. Past a page of VPCs it is typed into a text box, so the
// spaces a paste brings are dropped.
func vpcParam(r *http.Request) string {
	return strings.TrimSpace(r.FormValue("vpc"))
}
