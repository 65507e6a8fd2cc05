#include "HeaderFit.h"

#include <QHeaderView>

namespace HeaderFit {

void fitTitles(QHeaderView *header)
{
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section))
            continue;
        const int needed = header->sectionSizeHint(section);
        if (header->sectionSize(section) < needed)
            header->resizeSection(section, needed);
    }
}

void keepTitlesFitting(QHeaderView *header)
{
    fitTitles(header);
    if (QAbstractItemModel *model = header->model())
        QObject::connect(model, &QAbstractItemModel::headerDataChanged, header,
                         [header](Qt::Orientation orientation) {
                             if (orientation == header->orientation())
                                 fitTitles(header);
                         });
}

} // namespace HeaderFit
