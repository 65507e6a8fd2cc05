#include "DisplayFilter.h"

#include "DnsDecoder.h"
#include "FieldSelection.h"
#include "IpAddress.h"
#include "Packet.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cstring>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using FilterFields::Field;
using FilterFields::Type;
using FilterFields::Value;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DisplayFilter", text);
}

enum class Op : quint8 { Eq, Ne, AnyNe, Lt, Le, Gt, Ge, Contains, Matches, In };

// One value of the filter's text, compiled for the field it is compared with.
struct Literal
{
    quint64 number = 0, numberTo = 0; // UInt / Bool; a range lo..hi in a set
    bool range = false;
    QString text;                // String
    QByteArray bytes;            // Bytes (and String as UTF-8 for Bytes fields)
    IpAddress address;           // Ipv4 / Ipv6
    int prefix = -1;             // a subnet's prefix length; -1: the whole address
    std::array<quint8, 6> mac{}; // Ether
};

struct Node
{
    enum Kind : quint8 { And, Or, Xor, Not, Exists, Compare } kind = Exists;
    int left = -1, right = -1; // children (Not: left)
    Field field = Field::Frame;
    Op op = Op::Eq;
    int literals = -1, literalCount = 0; // into Program::literals
    int regex = -1;                      // into Program::regexes
    quint8 need = 0;                     // the most of the message it reads (Need)
};

// How much of the DNS message a field (or a subtree) reads: nothing (frame, addresses, ports),
// the 12-byte header (id, flags, counts), or the decoded questions and records.
enum Need : quint8 { NeedNothing, NeedHeader, NeedMessage };

Need needOf(Field field)
{
    if (field < Field::DnsId)
        return NeedNothing;
    return field <= Field::DnsCountAddRr ? NeedHeader : NeedMessage;
}

} // namespace

struct DisplayFilter::Program
{
    QString text;
    std::vector<Node> nodes;
    std::vector<Literal> literals;
    std::vector<QRegularExpression> regexes;
    int root = -1;
};

namespace {

// What each node reads; `and` and `or` evaluate the side that reads less first (the result is the
// same: evaluation has no side effects), so a packet a cheap test rejects is never decoded.
quint8 settleNeeds(DisplayFilter::Program &p, int index)
{
    Node &n = p.nodes[size_t(index)];
    switch (n.kind) {
    case Node::And:
    case Node::Or:
    case Node::Xor: {
        const quint8 left = settleNeeds(p, n.left);
        const quint8 right = settleNeeds(p, n.right);
        if (right < left)
            std::swap(n.left, n.right);
        n.need = std::max(left, right);
        break;
    }
    case Node::Not:
        n.need = settleNeeds(p, n.left);
        break;
    case Node::Exists:
    case Node::Compare:
        n.need = needOf(n.field);
        break;
    }
    return n.need;
}

} // namespace

namespace {

// ---- the text --------------------------------------------------------------------------

struct Token
{
    enum Kind : quint8 { End, Word, String, LParen, RParen, LBrace, RBrace, Comma, Symbol } kind;
    qsizetype pos = 0, length = 0;
    QString text; // Word / String (unescaped) / Symbol
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u':' || c == u'/' || c == u'-';
}

class Lexer
{
public:
    explicit Lexer(QStringView text)
        : m_text(text)
    {}

    bool next(Token *t, DisplayFilter::Error *error)
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
        t->pos = m_pos;
        t->text.clear();
        if (m_pos >= m_text.size()) {
            t->kind = Token::End;
            t->length = 0;
            return true;
        }
        const QChar c = m_text.at(m_pos);
        const auto single = [&](Token::Kind k) {
            t->kind = k;
            t->length = 1;
            t->text = QString(c);
            ++m_pos;
            return true;
        };
        if (c == u'(')
            return single(Token::LParen);
        if (c == u')')
            return single(Token::RParen);
        if (c == u'{')
            return single(Token::LBrace);
        if (c == u'}')
            return single(Token::RBrace);
        if (c == u',')
            return single(Token::Comma);
        if (c == u'"')
            return string(t, error);
        if (isWordChar(c)) {
            qsizetype end = m_pos;
            while (end < m_text.size() && isWordChar(m_text.at(end)))
                ++end;
            t->kind = Token::Word;
            t->length = end - m_pos;
            t->text = m_text.mid(m_pos, t->length).toString();
            m_pos = end;
            return true;
        }
        static const char *const symbols[] = {
            "===", "!==", "==", "!=", "~=", "<=", ">=", "&&", "||", "^^", "<", ">", "!", "~"};
        for (const char *s : symbols) {
            const QLatin1StringView sym(s);
            if (m_text.mid(m_pos).startsWith(sym)) {
                t->kind = Token::Symbol;
                t->length = sym.size();
                t->text = sym;
                m_pos += sym.size();
                return true;
            }
        }
        error->position = m_pos;
        error->length = 1;
        error->reason = tr("unexpected character “%1”").arg(c);
        return false;
    }

private:
    bool string(Token *t, DisplayFilter::Error *error)
    {
        const qsizetype start = m_pos++;
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == u'"') {
                t->kind = Token::String;
                t->length = m_pos - start;
                t->text = out;
                return true;
            }
            if (c != u'\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar e = m_text.at(m_pos++);
            switch (e.unicode()) {
            case 'n':
                out += u'\n';
                break;
            case 't':
                out += u'\t';
                break;
            case 'r':
                out += u'\r';
                break;
            case '0':
                out += QChar(0);
                break;
            case 'x': {
                const QStringView hex = m_text.mid(m_pos, 2);
                bool ok = false;
                const uint v = hex.size() == 2 ? hex.toUInt(&ok, 16) : 0;
                if (!ok) {
                    error->position = m_pos - 2;
                    error->length = 2 + hex.size();
                    error->reason = tr("“\\x” must be followed by two hexadecimal digits");
                    return false;
                }
                out += QChar(v);
                m_pos += 2;
                break;
            }
            default:
                out += e; // \" \\ and any other character stand for themselves
            }
        }
        error->position = start;
        error->length = m_text.size() - start;
        error->reason = tr("the string has no closing quote");
        return false;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
};

// ---- the grammar ----------------------------------------------------------------------

class Parser
{
    // Its tr() is the helper's, under the name lupdate files its texts by (else "Parser",
    // which no lookup uses).
    Q_DECLARE_TR_FUNCTIONS(DisplayFilter)
public:
    Parser(QStringView text, DisplayFilter::Program &program, DisplayFilter::Error *error)
        : m_lexer(text)
        , m_p(program)
        , m_error(error)
    {}

    bool parse()
    {
        if (!advance())
            return false;
        const int root = orExpr();
        if (root < 0)
            return false;
        if (m_token.kind != Token::End)
            return fail(m_token,
                        tr("unexpected “%1” after a complete expression").arg(m_token.text));
        m_p.root = root;
        return true;
    }

private:
    bool advance() { return m_lexer.next(&m_token, m_error); }

    bool fail(const Token &at, const QString &reason)
    {
        m_error->position = at.pos;
        m_error->length = at.length;
        m_error->reason = reason;
        return false;
    }

    bool isWord(const char *word) const
    {
        return m_token.kind == Token::Word && m_token.text == QLatin1StringView(word);
    }
    bool isSymbol(const char *symbol) const
    {
        return m_token.kind == Token::Symbol && m_token.text == QLatin1StringView(symbol);
    }

    int add(Node node)
    {
        m_p.nodes.push_back(node);
        return int(m_p.nodes.size() - 1);
    }

    int binary(Node::Kind kind, int left, int right)
    {
        Node n;
        n.kind = kind;
        n.left = left;
        n.right = right;
        return add(n);
    }

    // or := xor (("or" | "||") xor)*
    int orExpr()
    {
        int left = xorExpr();
        while (left >= 0 && (isWord("or") || isSymbol("||"))) {
            if (!advance())
                return -1;
            const int right = xorExpr();
            if (right < 0)
                return -1;
            left = binary(Node::Or, left, right);
        }
        return left;
    }

    int xorExpr()
    {
        int left = andExpr();
        while (left >= 0 && (isWord("xor") || isSymbol("^^"))) {
            if (!advance())
                return -1;
            const int right = andExpr();
            if (right < 0)
                return -1;
            left = binary(Node::Xor, left, right);
        }
        return left;
    }

    int andExpr()
    {
        int left = notExpr();
        while (left >= 0 && (isWord("and") || isSymbol("&&"))) {
            if (!advance())
                return -1;
            const int right = notExpr();
            if (right < 0)
                return -1;
            left = binary(Node::And, left, right);
        }
        return left;
    }

    int notExpr()
    {
        if (isWord("not") || isSymbol("!")) {
            if (!advance())
                return -1;
            const int inner = notExpr();
            if (inner < 0)
                return -1;
            Node n;
            n.kind = Node::Not;
            n.left = inner;
            return add(n);
        }
        return primary();
    }

    int primary()
    {
        if (m_token.kind == Token::LParen) {
            const Token open = m_token;
            if (!advance())
                return -1;
            const int inner = orExpr();
            if (inner < 0)
                return -1;
            if (m_token.kind != Token::RParen) {
                fail(m_token.kind == Token::End ? open : m_token,
                     m_token.kind == Token::End
                         ? tr("this “(” is never closed")
                         : tr("expected “)” but found “%1”").arg(m_token.text));
                return -1;
            }
            if (!advance())
                return -1;
            return inner;
        }
        if (m_token.kind == Token::End) {
            fail(m_token, tr("the filter ends where a field was expected"));
            return -1;
        }
        if (m_token.kind != Token::Word) {
            fail(m_token, tr("expected a field name but found “%1”").arg(m_token.text));
            return -1;
        }
        Field field;
        if (!FilterFields::find(m_token.text, &field)) {
            fail(m_token, tr("“%1” is neither a field nor a protocol name").arg(m_token.text));
            return -1;
        }
        const Token fieldToken = m_token;
        if (!advance())
            return -1;
        Op op;
        if (!comparison(&op)) {
            Node n;
            n.kind = Node::Exists;
            n.field = field;
            return add(n);
        }
        const Token opToken = m_token;
        if (!advance())
            return -1;
        if (!checkOperator(field, fieldToken, op, opToken))
            return -1;
        Node n;
        n.kind = Node::Compare;
        n.field = field;
        n.op = op;
        n.literals = int(m_p.literals.size());
        if (op == Op::In) {
            if (!set(field))
                return -1;
        } else {
            if (!value(field, op))
                return -1;
        }
        n.literalCount = int(m_p.literals.size()) - n.literals;
        if (op == Op::Matches) {
            QRegularExpression re(m_p.literals.back().text,
                                  QRegularExpression::CaseInsensitiveOption |
                                      QRegularExpression::DontCaptureOption);
            if (!re.isValid()) {
                fail(m_lastValue, tr("invalid regular expression: %1").arg(re.errorString()));
                return -1;
            }
            re.optimize();
            m_p.regexes.push_back(std::move(re));
            n.regex = int(m_p.regexes.size() - 1);
        }
        return add(n);
    }

    bool comparison(Op *op) const
    {
        struct Name
        {
            const char *text;
            Op op;
        };
        static const Name names[] = {
            {"==", Op::Eq},           {"eq", Op::Eq},
            {"===", Op::Eq},          {"all_eq", Op::Eq},
            {"any_eq", Op::Eq},       {"!=", Op::Ne},
            {"ne", Op::Ne},           {"!==", Op::Ne},
            {"all_ne", Op::Ne},       {"~=", Op::AnyNe},
            {"any_ne", Op::AnyNe},    {"<", Op::Lt},
            {"lt", Op::Lt},           {"<=", Op::Le},
            {"le", Op::Le},           {">", Op::Gt},
            {"gt", Op::Gt},           {">=", Op::Ge},
            {"ge", Op::Ge},           {"contains", Op::Contains},
            {"matches", Op::Matches}, {"~", Op::Matches},
            {"in", Op::In},
        };
        if (m_token.kind != Token::Word && m_token.kind != Token::Symbol)
            return false;
        for (const Name &n : names) {
            if (m_token.text == QLatin1StringView(n.text)) {
                *op = n.op;
                return true;
            }
        }
        return false;
    }

    bool checkOperator(Field field, const Token &fieldToken, Op op, const Token &opToken)
    {
        const Type type = FilterFields::info(field).type;
        if (type == Type::Protocol) {
            return fail(fieldToken, tr("%1 is a protocol: it can only be tested for presence, "
                                       "as in “%1” or “!%1”")
                                        .arg(fieldToken.text));
        }
        const bool text = type == Type::String || type == Type::Bytes;
        if ((op == Op::Contains || op == Op::Matches) && !text) {
            return fail(opToken, tr("“%1” applies to text fields; %2 is a %3")
                                     .arg(opToken.text, fieldToken.text, typeName(type)));
        }
        return true;
    }

    static QString typeName(Type type)
    {
        switch (type) {
        case Type::Protocol:
            return tr("protocol");
        case Type::Bool:
            return tr("boolean");
        case Type::UInt:
            return tr("number");
        case Type::String:
        case Type::Bytes:
            return tr("text");
        case Type::Ipv4:
            return tr("IPv4 address");
        case Type::Ipv6:
            return tr("IPv6 address");
        case Type::Ether:
            return tr("MAC address");
        }
        return {};
    }

    bool set(Field field)
    {
        if (m_token.kind != Token::LBrace)
            return fail(m_token, tr("“in” must be followed by a set such as {1 2 5..9}"));
        const Token open = m_token;
        if (!advance())
            return false;
        int count = 0;
        while (m_token.kind != Token::RBrace) {
            if (m_token.kind == Token::End)
                return fail(open, tr("this “{” is never closed"));
            if (m_token.kind == Token::Comma) {
                if (!advance())
                    return false;
                continue;
            }
            const Type type = FilterFields::info(field).type;
            const qsizetype dots = m_token.kind == Token::Word ? m_token.text.indexOf(u".."_s) : -1;
            if (dots >= 0) {
                if (type != Type::UInt && type != Type::Bool)
                    return fail(m_token, tr("a range lo..hi needs a numeric field"));
                Literal lit;
                Token lo = m_token, hi = m_token;
                lo.text = m_token.text.left(dots);
                lo.length = dots;
                hi.text = m_token.text.mid(dots + 2);
                hi.pos = m_token.pos + dots + 2;
                hi.length = hi.text.size();
                if (!number(field, lo, &lit.number) || !number(field, hi, &lit.numberTo))
                    return false;
                if (lit.numberTo < lit.number)
                    return fail(m_token,
                                tr("the range %1 ends before it starts").arg(m_token.text));
                lit.range = true;
                m_p.literals.push_back(std::move(lit));
            } else if (!literal(field, Op::Eq)) {
                return false;
            }
            ++count;
            if (!advance())
                return false;
        }
        if (count == 0)
            return fail(open, tr("the set is empty"));
        return advance();
    }

    bool value(Field field, Op op)
    {
        if (m_token.kind != Token::Word && m_token.kind != Token::String) {
            return fail(m_token, m_token.kind == Token::End
                                     ? tr("the filter ends where a value was expected")
                                     : tr("expected a value but found “%1”").arg(m_token.text));
        }
        if (!literal(field, op))
            return false;
        return advance();
    }

    bool number(Field field, const Token &t, quint64 *out)
    {
        bool ok = false;
        const QString &s = t.text;
        if (s.startsWith(u"0x"_s, Qt::CaseInsensitive))
            *out = s.mid(2).toULongLong(&ok, 16);
        else
            *out = s.toULongLong(&ok, 10);
        if (ok || (t.kind == Token::Word && FilterFields::namedValue(field, s, out)))
            return true;
        return fail(t, tr("“%1” is not a valid value for %2 (a %3)")
                           .arg(s, QString::fromLatin1(FilterFields::info(field).name),
                                typeName(FilterFields::info(field).type)));
    }

    // The current token as a value of `field`.
    bool literal(Field field, Op op)
    {
        m_lastValue = m_token;
        const FilterFields::Info &info = FilterFields::info(field);
        const QString fieldName = QString::fromLatin1(info.name);
        Literal lit;
        const auto bad = [&] {
            return fail(m_token, tr("“%1” is not a valid value for %2 (a %3)")
                                     .arg(m_token.text, fieldName, typeName(info.type)));
        };
        switch (info.type) {
        case Type::Protocol:
            return bad();
        case Type::Bool:
        case Type::UInt:
            if (m_token.kind == Token::String)
                return bad();
            if (!number(field, m_token, &lit.number))
                return false;
            break;
        case Type::String:
        case Type::Bytes:
            lit.text = m_token.text;
            lit.bytes = m_token.text.toUtf8();
            break;
        case Type::Ipv4:
        case Type::Ipv6: {
            QString text = m_token.text;
            const qsizetype slash = text.indexOf(u'/');
            if (slash >= 0) {
                bool ok = false;
                lit.prefix = text.mid(slash + 1).toInt(&ok);
                const int max = info.type == Type::Ipv4 ? 32 : 128;
                if (!ok || lit.prefix < 0 || lit.prefix > max)
                    return fail(
                        m_token,
                        tr("“%1” has no valid prefix length (0 to %2)").arg(m_token.text).arg(max));
                text.truncate(slash);
            }
            lit.address = IpAddress::fromString(text);
            if ((info.type == Type::Ipv4 && !lit.address.isV4()) ||
                (info.type == Type::Ipv6 && !lit.address.isV6()))
                return bad();
            break;
        }
        case Type::Ether: {
            QString hex = m_token.text;
            hex.remove(u':').remove(u'-').remove(u'.');
            bool ok = hex.size() == 12;
            for (int i = 0; ok && i < 6; ++i)
                lit.mac[size_t(i)] = quint8(hex.mid(i * 2, 2).toUInt(&ok, 16));
            if (!ok)
                return bad();
            break;
        }
        }
        Q_UNUSED(op);
        m_p.literals.push_back(std::move(lit));
        return true;
    }

    Lexer m_lexer;
    DisplayFilter::Program &m_p;
    DisplayFilter::Error *m_error;
    Token m_token;
    Token m_lastValue;
};

// ---- evaluation -------------------------------------------------------------------------

bool inSubnet(const IpAddress &a, const Literal &lit)
{
    if (a.family() != lit.address.family())
        return false;
    if (lit.prefix < 0)
        return a == lit.address;
    const auto &x = a.bytes();
    const auto &y = lit.address.bytes();
    const int whole = lit.prefix / 8;
    if (std::memcmp(x.data(), y.data(), size_t(whole)) != 0)
        return false;
    const int rest = lit.prefix % 8;
    if (rest == 0)
        return true;
    const quint8 mask = quint8(0xFF << (8 - rest));
    return (x[size_t(whole)] & mask) == (y[size_t(whole)] & mask);
}

// -1, 0, 1: the occurrence against the literal, for the ordering operators.
int order(Type type, const Value &v, const Literal &lit)
{
    switch (type) {
    case Type::Bool:
    case Type::UInt:
        return v.number < lit.number ? -1 : (v.number > lit.number ? 1 : 0);
    case Type::String: {
        const int c = v.text.compare(lit.text);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Bytes: {
        const int c = QByteArrayView(v.bytes).compare(lit.bytes);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Ipv4:
    case Type::Ipv6: {
        const int c = std::memcmp(v.address->bytes().data(), lit.address.bytes().data(),
                                  type == Type::Ipv4 ? 4 : 16);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Ether: {
        const int c = std::memcmp(v.mac, lit.mac.data(), 6);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Protocol:
        break;
    }
    return 0;
}

bool equals(Type type, const Value &v, const Literal &lit)
{
    if (lit.range)
        return v.number >= lit.number && v.number <= lit.numberTo;
    switch (type) {
    case Type::Ipv4:
    case Type::Ipv6:
        return inSubnet(*v.address, lit);
    case Type::Protocol:
        return false;
    default:
        return order(type, v, lit) == 0;
    }
}

bool test(const DisplayFilter::Program &p, const Node &n, Type type, const Value &v)
{
    const Literal &lit = p.literals[size_t(n.literals)];
    switch (n.op) {
    case Op::Eq:
    case Op::Ne: // Ne is "no occurrence equals", evaluated by the caller
    case Op::AnyNe:
        return equals(type, v, lit);
    case Op::Lt:
        return order(type, v, lit) < 0;
    case Op::Le:
        return order(type, v, lit) <= 0;
    case Op::Gt:
        return order(type, v, lit) > 0;
    case Op::Ge:
        return order(type, v, lit) >= 0;
    case Op::Contains:
        return type == Type::String ? v.text.contains(lit.text)
                                    : QByteArrayView(v.bytes).indexOf(lit.bytes) >= 0;
    case Op::Matches: {
        const QRegularExpression &re = p.regexes[size_t(n.regex)];
        return type == Type::String ? re.match(v.text).hasMatch()
                                    : re.match(QString::fromUtf8(v.bytes)).hasMatch();
    }
    case Op::In:
        for (int i = 0; i < n.literalCount; ++i) {
            if (equals(type, v, p.literals[size_t(n.literals + i)]))
                return true;
        }
        return false;
    }
    return false;
}

// The input of a filter whose message was decoded beforehand.
struct DecodedInput
{
    const FilterFields::Input &input;
    const FilterFields::Input &at(quint8) const { return input; }
};

// The input of a filter that decodes the datagram only as far as a field needs: the header
// alone (no allocation) for the header's fields, the whole message (once) for the rest.
class LazyInput
{
public:
    LazyInput(const Packet &packet, quint64 number)
        : m_packet(packet)
        , m_number(number)
    {}
    FilterFields::Input at(quint8 need)
    {
        if (need == NeedMessage && !m_message) {
            m_message.emplace(DnsDecoder::decode(m_packet.data, DnsDecoder::Detail::NoFields));
        } else if (need == NeedHeader && !m_message && !m_headerRead) {
            m_header.header = DnsDecoder::header(m_packet.data);
            m_headerRead = true;
        }
        return FilterFields::Input{m_packet, m_message ? *m_message : m_header, m_number};
    }

private:
    const Packet &m_packet;
    quint64 m_number;
    DnsMessage m_header; // the header alone (or nothing when no field read it)
    bool m_headerRead = false;
    std::optional<DnsMessage> m_message;
};

template<typename In>
bool evaluate(const DisplayFilter::Program &p, int index, In &in)
{
    const Node &n = p.nodes[size_t(index)];
    switch (n.kind) {
    case Node::And:
        return evaluate(p, n.left, in) && evaluate(p, n.right, in);
    case Node::Or:
        return evaluate(p, n.left, in) || evaluate(p, n.right, in);
    case Node::Xor:
        return evaluate(p, n.left, in) != evaluate(p, n.right, in);
    case Node::Not:
        return !evaluate(p, n.left, in);
    case Node::Exists:
        return FilterFields::visit(n.field, in.at(n.need), [](const Value &) { return true; });
    case Node::Compare: {
        const auto &input = in.at(n.need);
        const Type type = FilterFields::info(n.field).type;
        if (n.op == Op::Ne) {
            bool present = false;
            const bool anyEqual = FilterFields::visit(n.field, input, [&](const Value &v) {
                present = true;
                return test(p, n, type, v);
            });
            return present && !anyEqual;
        }
        if (n.op == Op::AnyNe) {
            return FilterFields::visit(n.field, input,
                                       [&](const Value &v) { return !test(p, n, type, v); });
        }
        return FilterFields::visit(n.field, input,
                                   [&](const Value &v) { return test(p, n, type, v); });
    }
    }
    return false;
}

} // namespace

DisplayFilter::DisplayFilter() = default;

bool DisplayFilter::compile(QStringView text, DisplayFilter *filter, Error *error)
{
    Error scratch;
    Error *e = error ? error : &scratch;
    if (text.trimmed().isEmpty()) {
        *filter = DisplayFilter();
        return true;
    }
    auto program = std::make_shared<Program>();
    program->text = text.toString();
    Parser parser(text, *program, e);
    if (!parser.parse())
        return false;
    settleNeeds(*program, program->root);
    filter->d = std::move(program);
    return true;
}

QString DisplayFilter::text() const
{
    return d ? d->text : QString();
}

bool DisplayFilter::matches(const FilterFields::Input &input) const
{
    if (!d)
        return true;
    DecodedInput in{input};
    return evaluate(*d, d->root, in);
}

bool DisplayFilter::matches(const Packet &packet, quint64 number) const
{
    if (!d)
        return true;
    LazyInput in(packet, number);
    return evaluate(*d, d->root, in);
}

bool DisplayFilter::needsMessage() const
{
    return d && d->nodes[size_t(d->root)].need == NeedMessage;
}

QString DisplayFilter::expression(Field field, const QString &valueText)
{
    const FilterFields::Info &info = FilterFields::info(field);
    const QString name = QString::fromLatin1(info.name);
    if (info.type == Type::Protocol)
        return name;
    if (info.type == Type::String || info.type == Type::Bytes)
        return name + u" == "_s + FieldSelection::quoted(valueText);
    return name + u" == "_s + valueText;
}
