package fakeec2

import "strconv"

func (a *account) createTags(p params) (result, error) {
	ids := p.list("ResourceId")
	if len(ids) == 0 {
		return nil, errMissingParameter("ResourceId")
	}
	tags, err := p.tags("Tag")
	if err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, errMissingParameter("Tag")
	}
	dry, err := p.dryRun()
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	// Check every resource before tagging any, so a refused call changes nothing.
	lists := make([]*tagList, len(ids))
	for i, id := range ids {
		list, err := a.taggable(id)
		if err != nil {
			return nil, err
		}
		if err := validateTags(*list, tags); err != nil {
			return nil, err
		}
		lists[i] = list
	}
	if dry {
		return nil, errDryRun
	}
	for _, list := range lists {
		*list = list.with(tags)
	}
	return &returnResult{Return: true}, nil
}

func (a *account) deleteTags(p params) (result, error) {
	ids := p.list("ResourceId")
	if len(ids) == 0 {
		return nil, errMissingParameter("ResourceId")
	}
	tags, err := p.tags("Tag")
	if err != nil {
		return nil, err
	}
	hasValue := make([]bool, len(tags))
	for i, tg := range tags {
		if hasPrefixFold(tg.Key, "aws:") {
			return nil, &apiError{Status: 400, Code: "InvalidTagKey.Malformed", Message: "Tag keys starting with aws: are reserved and cannot be deleted."}
		}
		hasValue[i] = p.has("Tag." + strconv.Itoa(i+1) + ".Value")
	}
	dry, err := p.dryRun()
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	lists := make([]*tagList, len(ids))
	for i, id := range ids {
		list, err := a.taggable(id)
		if err != nil {
			return nil, err
		}
		lists[i] = list
	}
	if dry {
		return nil, errDryRun
	}
	for _, list := range lists {
		if len(tags) == 0 {
			// DeleteTags without Tag removes every tag but the reserved ones.
			user := userTags(*list)
			*list = list.without(user, make([]bool, len(user)))
			continue
		}
		*list = list.without(tags, hasValue)
	}
	return &returnResult{Return: true}, nil
}

func userTags(list tagList) []tag {
	var out []tag
	for _, tg := range list {
		if !hasPrefixFold(tg.Key, "aws:") {
			out = append(out, tg)
		}
	}
	return out
}
