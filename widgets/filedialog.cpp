#include "filedialog.h"

#include <QFileDialog>

std::optional<QString> FileDialog::s_nextFileName;

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &dir,
                                    const QString &filter, bool confirmOverwrite)
{
    if (s_nextFileName) {
        const QString name = *s_nextFileName;
        s_nextFileName.reset();
        return name;
    }
    return QFileDialog::getSaveFileName(parent, caption, dir, filter, nullptr,
                                        confirmOverwrite ? QFileDialog::Options() : QFileDialog::DontConfirmOverwrite);
}

void FileDialog::setNextFileName(const QString &fileName)
{
    s_nextFileName = fileName;
}
