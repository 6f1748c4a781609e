// Package diagram draws the audit's picture of one VPC as SVG, on the server, the way the
// tutorial's figures do: subnets in their Availability Zones (columns) and public or private rows,
// the internet gateway and the gateway endpoints on the VPC's edge, the Internet and the services
// outside, and every subnet's path to Amazon S3 and Amazon DynamoDB as a line through the boxes it
// passes. VPC draws it into the audit page, with the same paths as a list for narrow windows;
// Standalone draws it alone, as an SVG document carrying the console's stylesheet (served under
// StandaloneCSP). diagramLayout places everything, and both only draw what they are given. Each
// subnet, its box and its lines, is one link to its row of the page (SubnetAnchor), which the
// stylesheet lights up on hover and keyboard focus. The words for each kind of path come from
// package audit, the colours from classes in the console's stylesheet.
//
// Lines are routed orthogonally through channels that no box occupies: a gutter right of every
// zone column, three corridors per tier of columns (above the public row, between the rows, below
// the private row), an edge channel inside the VPC's border and one outside it before the
// services. Every line of every subnet has its own lane, the same offset in every channel, so no
// two subnets' lines run along each other: each path can be followed from its subnet to its
// service. The SVG is drawn at one CSS pixel per unit, its text at 12 px or more.
package diagram
