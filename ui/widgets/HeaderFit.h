#pragma once

class QHeaderView;

// Keeps a header's titles whole: a section narrower than its title needs is widened to it.
// QHeaderView::sectionSizeHint() measures a title in bold, as the header paints it while a
// row of its view is selected (highlighted sections), with room for the sort indicator; sizes
// set in pixels or characters alone clipped long or translated titles then ("ate (packets/s"
// in the senders table). Applied now and whenever the model's header texts change. GUI thread.
namespace HeaderFit {
void fitTitles(QHeaderView *header);
// fitTitles() now and after every headerDataChanged of the header's model.
void keepTitlesFitting(QHeaderView *header);
} // namespace HeaderFit
